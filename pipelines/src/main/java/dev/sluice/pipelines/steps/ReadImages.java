package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.io.ImageInput;
import dev.sluice.pipelines.io.ImageReader;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.IdRef;
import dev.sluice.pipelines.model.ImageDoc;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Reads the input files of an image recipe in parallel ({@link ImageReader}). Outputs: everything read as one
 * tagged stream ({@link ReadDocuments#TAGGED}) whose {@link #IMAGES} part are the images and whose {@link #DEAD}
 * part are the dead letters, and a reference per image for the duplicate-id check ({@link ReadDocuments#IDS}, only
 * where the listing does not already show every id distinct). {@link AnalyzeImages} takes the stream, passes the
 * dead letters on and counts the records read: on Flink every consumer of a stream gets all of it, so a consumer
 * only to count them would ship every image once more. For an image_folder (no ids to check) the analysis is then
 * the stream's only consumer, and Flink runs it in the reading task: the images are not shipped at all between the
 * two. Where ids are checked, their unpacking is a second consumer, as the counting copy was before.
 */
public final class ReadImages extends PTransform<PBegin, PCollectionTuple> {
  static final Fanout.Outputs OUTPUTS =
      Fanout.Outputs.of(Tags.IMAGES, Tags.DEAD).and(ReadDocuments.IDS, IdRef.CODER);
  private final List<String> files;
  private final ImageInput input;
  private final boolean checkIds;

  /**
   * The {@link ReadDocuments#IDS} output is there only when the duplicate-id check can find something: not for an
   * image_folder whose files all give different ids ({@link ImageReader#idsUniqueByListing}), where the check
   * grouped one reference per image to prove what the listing already shows.
   */
  public ReadImages(List<String> files, ImageInput input) {
    this.files = files;
    this.input = input;
    this.checkIds = !ImageReader.idsUniqueByListing(input, files);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    var parsed =
        begin
            .apply(
                "ListFiles",
                Create.of(batches(files)).withCoder(ListCoder.of(StringUtf8Coder.of())))
            .apply("SpreadFiles", Reshuffle.viaRandomKey())
            .apply("ParseFiles", ParDo.of(new ReadFn(input, checkIds)));
    // the images are not unpacked here: AnalyzeImages takes the tagged stream and decodes them
    // itself, which saves the runner one encoding and decoding of every image (as PerDocument does
    // for text), and it passes on the dead letters and counts what was read
    return checkIds
        ? Fanout.split(parsed, OUTPUTS, ReadDocuments.IDS)
        : PCollectionTuple.of(Fanout.STREAM, parsed.setCoder(Fanout.CODER));
  }

  /** Files per element of the listing at most: a batch of small images is read in well under a millisecond. */
  static final int MAX_BATCH = 64;

  /** The listing is cut into at least this many batches while it has as many files: enough to spread evenly. */
  static final int MIN_BATCHES = 1024;

  /**
   * The files in consecutive batches of up to {@link #MAX_BATCH}, at least {@link #MIN_BATCHES} of them while
   * there are files enough: one element per file made the runner list, spread and sort 100,000 tiny elements for a
   * folder of 28x28 images, a tenth of the work besides decoding them. Which batch a file falls in changes nothing
   * in the output (the shards are sorted by id).
   */
  static List<List<String>> batches(List<String> files) {
    int size = Math.max(1, Math.min(MAX_BATCH, files.size() / MIN_BATCHES));
    List<List<String>> out = new ArrayList<>((files.size() + size - 1) / size);
    for (int i = 0; i < files.size(); i += size)
      out.add(List.copyOf(files.subList(i, Math.min(files.size(), i + size))));
    return out;
  }

  /** The images of the tagged stream ({@link ReadDocuments#TAGGED}). */
  public static final Fanout.Part<ImageDoc> IMAGES = OUTPUTS.part(Tags.IMAGES);

  /** The dead letters of the tagged stream: files that could not be read, or records a container spoiled. */
  public static final Fanout.Part<DeadLetter> DEAD = OUTPUTS.part(Tags.DEAD);

  static final class ReadFn extends DoFn<List<String>, Fanout.Tagged> {
    private final ImageInput input;
    private final boolean checkIds;
    private final StageClock clock = new StageClock("read");
    private transient ImageReader reader;
    private transient Fanout.Emitter emit;

    ReadFn(ImageInput input, boolean checkIds) {
      this.input = input;
      this.checkIds = checkIds;
    }

    @Setup
    public void setup() {
      reader = new ImageReader(input);
      emit = OUTPUTS.emitter();
    }

    @ProcessElement
    public void process(@Element List<String> batch, OutputReceiver<Fanout.Tagged> out) {
      for (String file : batch) read(file, out);
    }

    private void read(String file, OutputReceiver<Fanout.Tagged> out) {
      long t = clock.start();
      reader.read(
          file,
          d -> {
            Progress.READ.increment();
            out.output(emit.of(Tags.IMAGES, d));
            if (checkIds)
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
