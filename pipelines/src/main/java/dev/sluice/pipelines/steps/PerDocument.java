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

/**
 * The per-document steps of a recipe, in order, as one ParDo: documents go on (Tags.DOCS), removed rows
 * (Tags.REMOVED), dead letters (Tags.DEAD) and per-bundle report statistics (Tags.STATS). Each step's time still
 * goes to its own stage clock. One ParDo instead of one per step: each step boundary would cost the runner an
 * encode and a decode of every document (measured on 342,800 documents: BENCHMARKS.md); the outputs go out through
 * {@link Fanout}, so each element is encoded once however many consumers it has.
 */
public final class PerDocument extends PTransform<PCollection<Doc>, PCollectionTuple> {
  private final List<DocStep> steps;

  public PerDocument(List<DocStep> steps) {
    this.steps = List.copyOf(steps);
  }

  static final Fanout.Outputs OUTPUTS = Fanout.Outputs.of(Tags.DOCS, Tags.REMOVED, Tags.DEAD, Tags.STATS);

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    return Fanout.split(docs.apply("Steps", ParDo.of(new StepsFn(steps, OUTPUTS))), OUTPUTS);
  }

  static final class StepsFn extends DoFn<Doc, Fanout.Tagged> {
    private final ArrayList<DocStep> steps;
    private final StageClock[] clocks;
    private final Fanout.Outputs outputs;
    private transient Sink sink;

    StepsFn(List<DocStep> steps, Fanout.Outputs outputs) {
      this.outputs = outputs;
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
      sink = new Sink(outputs.emitter());
    }

    @ProcessElement
    public void process(@Element Doc in, OutputReceiver<Fanout.Tagged> out) {
      sink.out = out;
      Doc d = in;
      for (int i = 0; i < clocks.length && d != null; i++) {
        StageClock clock = clocks[i];
        long t = clock == null ? 0 : clock.start();
        d = steps.get(i).apply(d, sink);
        if (clock != null) clock.stop(t);
      }
      if (d != null) out.output(sink.emit.of(Tags.DOCS, d));
      sink.out = null;
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      for (StageClock clock : clocks) if (clock != null) clock.flush();
      if (sink.stats != null) {
        c.output(sink.emit.of(Tags.STATS, sink.stats), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        sink.stats = null;
      }
    }

    @Teardown
    public void teardown() {
      for (DocStep s : steps) s.teardown();
    }
  }

  private static final class Sink implements DocStep.Out {
    private final Fanout.Emitter emit;
    private DoFn.OutputReceiver<Fanout.Tagged> out;
    private RunStats stats;

    Sink(Fanout.Emitter emit) {
      this.emit = emit;
    }

    @Override
    public void removed(RemovedDoc r) {
      out.output(emit.of(Tags.REMOVED, r));
    }

    @Override
    public void dead(DeadLetter d) {
      out.output(emit.of(Tags.DEAD, d));
    }

    @Override
    public RunStats stats() {
      if (stats == null) stats = new RunStats();
      return stats;
    }
  }
}
