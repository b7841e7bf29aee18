package dev.sluice.pipelines.history;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.pipelines.steps.Fanout;
import dev.sluice.pipelines.steps.StageClock;
import dev.sluice.pipelines.steps.Tags;
import dev.sluice.quality.dedup.NearDedupConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Cross-run dedup: each surviving document is looked up in the history index (exact key, then LSH bands with
 * Jaccard verification); a match is removed as {@code duplicate.history} pointing at the historical id. Every
 * worker opens the same committed index (a path on storage all workers see); nothing is written here.
 */
public final class CheckHistory extends PTransform<PCollection<Doc>, PCollectionTuple> {
  private final String index;
  private final NearDedupConfig near;

  public CheckHistory(String index, NearDedupConfig near) {
    this.index = index;
    this.near = near;
  }

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    return Fanout.split(
        docs.apply("LookUpHistory", ParDo.of(new LookUpFn(index, near, OUTPUTS))), OUTPUTS);
  }

  static final Fanout.Outputs OUTPUTS = Fanout.Outputs.of(Tags.DOCS, Tags.REMOVED);

  static final class LookUpFn extends DoFn<Doc, Fanout.Tagged> {
    private final String index;
    private final NearDedupConfig near;
    private final Fanout.Outputs outputs;
    private final StageClock clock = new StageClock("dedup_history");
    private transient HistoryIndex.Reader reader;
    private transient Fanout.Emitter emit;

    LookUpFn(String index, NearDedupConfig near, Fanout.Outputs outputs) {
      this.index = index;
      this.near = near;
      this.outputs = outputs;
    }

    @Setup
    public void setup() throws IOException {
      emit = outputs.emitter();
      if (HistoryIndex.exists(Path.of(index)))
        reader = new HistoryIndex.Reader(Path.of(index), near);
    }

    @ProcessElement
    public void process(@Element Doc d, OutputReceiver<Fanout.Tagged> out) {
      if (reader == null) {
        out.output(emit.of(Tags.DOCS, d));
        return;
      }
      long t = clock.start();
      HistoryIndex.Match m;
      try {
        m = reader.find(d.id(), d.text(), d.exactKey());
      } catch (IOException e) {
        throw new UncheckedIOException("history index " + index + " could not be read", e);
      }
      if (m == null) out.output(emit.of(Tags.DOCS, d));
      else
        out.output(
            emit.of(
                Tags.REMOVED, RemovedDoc.of(d, "dedup_history", "history", m.id(), m.jaccard())));
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }

    @Teardown
    public void teardown() throws IOException {
      if (reader != null) reader.close();
    }
  }
}
