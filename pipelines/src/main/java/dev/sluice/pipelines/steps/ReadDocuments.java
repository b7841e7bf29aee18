package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.io.FileReader;
import dev.sluice.pipelines.model.Doc;
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
import org.apache.beam.sdk.values.TupleTagList;

/** Reads the (already expanded, sorted) input files in parallel into documents and dead letters. */
public final class ReadDocuments extends PTransform<PBegin, PCollectionTuple> {
  private final List<String> files;
  private final InputSettings settings;

  public ReadDocuments(List<String> files, InputSettings settings) {
    this.files = files;
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    return Tags.withCoders(begin
        .apply("ListFiles", Create.of(files).withCoder(StringUtf8Coder.of()))
        .apply("SpreadFiles", Reshuffle.viaRandomKey())
        .apply("ParseFiles", ParDo.of(new ReadFileFn(settings)).withOutputTags(Tags.DOCS, TupleTagList.of(Tags.DEAD))));
  }

  static final class ReadFileFn extends DoFn<String, Doc> {
    private final InputSettings settings;
    private final StageClock clock = new StageClock("read");
    private transient FileReader reader;

    ReadFileFn(InputSettings settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      reader = new FileReader(settings);
    }

    @ProcessElement
    public void process(@Element String file, MultiOutputReceiver out) {
      long t = clock.start();
      reader.read(file, d -> {
        Progress.READ.increment();
        out.get(Tags.DOCS).output(d);
      }, dl -> {
        Progress.READ.increment();
        out.get(Tags.DEAD).output(dl);
      });
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }
  }
}
