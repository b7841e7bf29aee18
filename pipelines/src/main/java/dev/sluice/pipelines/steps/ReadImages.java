package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.io.ImageInput;
import dev.sluice.pipelines.io.ImageReader;
import dev.sluice.pipelines.model.IdRef;
import dev.sluice.pipelines.model.ImageDoc;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Reads the input files of an image recipe in parallel ({@link ImageReader}). Outputs as {@link ReadDocuments}:
 * dead letters, a reference per image for the duplicate-id check ({@link ReadDocuments#IDS}), the records read
 * counted for the tally ({@link ReadDocuments#INPUT}), and everything read as one tagged stream
 * ({@link ReadDocuments#TAGGED}) whose {@link #IMAGES} part are the images.
 */
public final class ReadImages extends PTransform<PBegin, PCollectionTuple> {
  static final Fanout.Outputs OUTPUTS =
      Fanout.Outputs.of(Tags.IMAGES, Tags.DEAD).and(ReadDocuments.IDS, IdRef.CODER);
  private final List<String> files;
  private final ImageInput input;

  public ReadImages(List<String> files, ImageInput input) {
    this.files = files;
    this.input = input;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    var parsed =
        begin
            .apply("ListFiles", Create.of(files).withCoder(StringUtf8Coder.of()))
            .apply("SpreadFiles", Reshuffle.viaRandomKey())
            .apply("ParseFiles", ParDo.of(new ReadFn(input)));
    int ids = OUTPUTS.indexOf(ReadDocuments.IDS);
    // the images are not unpacked here: AnalyzeImages takes the tagged stream and decodes them
    // itself, which saves the runner one encoding and decoding of every image (as PerDocument does
    // for text); what is counted and unpacked here comes from a copy that holds each image as an
    // empty marker, so the runner ships an image twice (here and to the analysis), not four times
    PCollection<Fanout.Tagged> light = Fanout.light(parsed, OUTPUTS, true);
    return Fanout.split(parsed, light, OUTPUTS, Tags.DEAD, ReadDocuments.IDS)
        .and(
            ReadDocuments.INPUT,
            light.apply("CountInput", Tally.keys(t -> t.tag() == ids ? null : "input")))
        .and(ReadDocuments.TAGGED, parsed);
  }

  /** The images of the tagged stream ({@link ReadDocuments#TAGGED}). */
  public static final Fanout.Part<ImageDoc> IMAGES = OUTPUTS.part(Tags.IMAGES);

  static final class ReadFn extends DoFn<String, Fanout.Tagged> {
    private final ImageInput input;
    private final StageClock clock = new StageClock("read");
    private transient ImageReader reader;
    private transient Fanout.Emitter emit;

    ReadFn(ImageInput input) {
      this.input = input;
    }

    @Setup
    public void setup() {
      reader = new ImageReader(input);
      emit = OUTPUTS.emitter();
    }

    @ProcessElement
    public void process(@Element String file, OutputReceiver<Fanout.Tagged> out) {
      long t = clock.start();
      reader.read(
          file,
          d -> {
            Progress.READ.increment();
            out.output(emit.of(Tags.IMAGES, d));
            out.output(emit.of(ReadDocuments.IDS, new IdRef(d.id(), d.source(), "at", d.pos())));
          },
          dl -> {
            Progress.READ.increment();
            out.output(emit.of(Tags.DEAD, dl));
          });
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }
  }
}
