package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.io.FileReader;
import dev.sluice.pipelines.recipe.InputSettings;
import dev.sluice.pipelines.run.Progress;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads the (already expanded, sorted) input files in parallel into documents (Tags.DOCS) and dead letters
 * (Tags.DEAD), and counts what it read ({@link #INPUT}) for the tally.
 */
public final class ReadDocuments extends PTransform<PBegin, PCollectionTuple> {
  private final List<String> files;
  private final InputSettings settings;

  public ReadDocuments(List<String> files, InputSettings settings) {
    this.files = files;
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollection<Fanout.Tagged> parsed = begin
        .apply("ListFiles", Create.of(files).withCoder(StringUtf8Coder.of()))
        .apply("SpreadFiles", Reshuffle.viaRandomKey())
        .apply("ParseFiles", ParDo.of(new ReadFileFn(settings, OUTPUTS)));
    return Fanout.split(parsed, OUTPUTS)
        .and(INPUT, parsed.apply("CountInput", Tally.keys(t -> "input")));
  }

  static final Fanout.Outputs OUTPUTS = Fanout.Outputs.of(Tags.DOCS, Tags.DEAD);
  /** Partial counts of records read ("input"), per bundle, for the tally: counted without decoding them. */
  public static final TupleTag<KV<String, Long>> INPUT = new TupleTag<>("input") {};

  static final class ReadFileFn extends DoFn<String, Fanout.Tagged> {
    private final InputSettings settings;
    private final Fanout.Outputs outputs;
    private final StageClock clock = new StageClock("read");
    private transient FileReader reader;
    private transient Fanout.Emitter emit;

    ReadFileFn(InputSettings settings, Fanout.Outputs outputs) {
      this.settings = settings;
      this.outputs = outputs;
    }

    @Setup
    public void setup() {
      reader = new FileReader(settings);
      emit = outputs.emitter();
    }

    @ProcessElement
    public void process(@Element String file, OutputReceiver<Fanout.Tagged> out) {
      long t = clock.start();
      reader.read(file, d -> {
        Progress.READ.increment();
        out.output(emit.of(Tags.DOCS, d));
      }, dl -> {
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
