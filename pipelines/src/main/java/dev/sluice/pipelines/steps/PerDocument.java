package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.pipelines.report.RunStats;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The per-document steps of a recipe, in order, as one ParDo: documents go on (Tags.DOCS), removed rows
 * (Tags.REMOVED), dead letters (Tags.DEAD) and per-bundle report statistics (Tags.STATS). Each step's time still
 * goes to its own stage clock. One ParDo instead of one per step because each multi-output ParDo hands every
 * element, encoded, to each of its consumers: fused, a document is encoded once for all the steps (measured on
 * 342,800 documents: BENCHMARKS.md).
 */
public final class PerDocument extends PTransform<PCollection<Doc>, PCollectionTuple> {
  private final List<DocStep> steps;

  public PerDocument(List<DocStep> steps) {
    this.steps = List.copyOf(steps);
  }

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    return Tags.withCoders(docs.apply("Steps", ParDo.of(new StepsFn(steps))
        .withOutputTags(Tags.DOCS, TupleTagList.of(Tags.REMOVED).and(Tags.DEAD).and(Tags.STATS))));
  }

  static final class StepsFn extends DoFn<Doc, Doc> {
    private final ArrayList<DocStep> steps;
    private final StageClock[] clocks;
    private transient Sink sink;

    StepsFn(List<DocStep> steps) {
      this.steps = new ArrayList<>(steps);
      this.clocks = new StageClock[steps.size()];
      for (int i = 0; i < clocks.length; i++) {
        String stage = steps.get(i).stage();
        clocks[i] = stage == null ? null : new StageClock(stage);
      }
    }

    @Setup
    public void setup() {
      for (DocStep s : steps) s.setup();
      sink = new Sink();
    }

    @ProcessElement
    public void process(@Element Doc in, MultiOutputReceiver out) {
      sink.out = out;
      Doc d = in;
      for (int i = 0; i < clocks.length && d != null; i++) {
        StageClock clock = clocks[i];
        long t = clock == null ? 0 : clock.start();
        d = steps.get(i).apply(d, sink);
        if (clock != null) clock.stop(t);
      }
      if (d != null) out.get(Tags.DOCS).output(d);
      sink.out = null;
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      for (StageClock clock : clocks) if (clock != null) clock.flush();
      if (sink.stats != null) {
        c.output(Tags.STATS, sink.stats, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        sink.stats = null;
      }
    }

    @Teardown
    public void teardown() {
      for (DocStep s : steps) s.teardown();
    }
  }

  private static final class Sink implements DocStep.Out {
    private DoFn.MultiOutputReceiver out;
    private RunStats stats;

    @Override
    public void removed(RemovedDoc r) {
      out.get(Tags.REMOVED).output(r);
    }

    @Override
    public void dead(DeadLetter d) {
      out.get(Tags.DEAD).output(d);
    }

    @Override
    public RunStats stats() {
      if (stats == null) stats = new RunStats();
      return stats;
    }
  }
}
