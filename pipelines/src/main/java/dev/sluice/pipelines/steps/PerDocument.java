package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.report.RunStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The duplicate-id check's answer ({@link DedupIds}, a side input) and then the per-document steps of a recipe, in
 * order, as one ParDo: documents go on (Tags.DOCS), removed rows (Tags.REMOVED), dead letters (Tags.DEAD) and
 * per-bundle report statistics (Tags.STATS), and per-bundle sums of the steps' own counts ({@link #COUNTS}). Each step's time still goes to its own stage clock. One ParDo instead
 * of one per step: each step boundary would cost the runner an encode and a decode of every document (measured on
 * 342,800 documents: BENCHMARKS.md). It takes the reader's tagged stream and decodes the documents itself, and its
 * outputs go out through {@link Fanout}, so each document is decoded once and each output encoded once.
 */
public final class PerDocument extends PTransform<PCollection<Fanout.Tagged>, PCollectionTuple> {
  private final List<DocStep> steps;
  private final Fanout.Part<Doc> docs;
  private final PCollectionView<Map<String, String>> losers;

  /**
   * {@code docs}: the documents' part of the input stream; {@code losers}: {@link DedupIds}' answer, a document it
   * names becomes a dead letter before any step.
   */
  public PerDocument(
      List<DocStep> steps, Fanout.Part<Doc> docs, PCollectionView<Map<String, String>> losers) {
    this.steps = List.copyOf(steps);
    this.docs = docs;
    this.losers = losers;
  }

  /** Per-bundle sums of the steps' {@link DocStep.Out#count} keys, for the {@link Tally}. */
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>("step_counts") {};

  static final Fanout.Outputs OUTPUTS =
      Fanout.Outputs.of(Tags.DOCS, Tags.REMOVED, Tags.DEAD, Tags.STATS).and(COUNTS, Tally.PARTIAL);

  @Override
  public PCollectionTuple expand(PCollection<Fanout.Tagged> tagged) {
    return Fanout.split(
        tagged.apply(
            "Steps", ParDo.of(new StepsFn(steps, docs, losers, OUTPUTS)).withSideInputs(losers)),
        OUTPUTS);
  }

  static final class StepsFn extends DoFn<Fanout.Tagged, Fanout.Tagged> {
    private final ArrayList<DocStep> steps;
    private final StageClock[] clocks;
    private final Fanout.Part<Doc> docs;
    private final PCollectionView<Map<String, String>> losersView;
    private final Fanout.Outputs outputs;
    private transient Sink sink;

    /** The side input, read once per bundle: the runner's lookup is far dearer than the check itself. */
    private transient Map<String, String> losers;

    StepsFn(
        List<DocStep> steps,
        Fanout.Part<Doc> docs,
        PCollectionView<Map<String, String>> losers,
        Fanout.Outputs outputs) {
      this.outputs = outputs;
      this.docs = docs;
      this.losersView = losers;
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
    public void process(ProcessContext c) {
      Doc in = docs.decode(c.element());
      if (in == null) return; // another output of the reader
      if (losers == null) losers = c.sideInput(losersView);
      DeadLetter duplicate = DedupIds.check(in, losers);
      if (duplicate != null) {
        c.output(sink.emit.of(Tags.DEAD, duplicate));
        return;
      }
      sink.out = c;
      Doc d = in;
      for (int i = 0; i < clocks.length && d != null; i++) {
        StageClock clock = clocks[i];
        long t = clock == null ? 0 : clock.start();
        d = steps.get(i).apply(d, sink);
        if (clock != null) clock.stop(t);
      }
      if (d != null) c.output(sink.emit.of(Tags.DOCS, d));
      sink.out = null;
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      losers = null;
      for (StageClock clock : clocks) if (clock != null) clock.flush();
      if (sink.stats != null) {
        c.output(
            sink.emit.of(Tags.STATS, sink.stats),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
        sink.stats = null;
      }
      if (sink.counts != null) {
        for (Map.Entry<String, long[]> e : sink.counts.entrySet()) {
          c.output(
              sink.emit.of(COUNTS, KV.of(e.getKey(), e.getValue()[0])),
              GlobalWindow.INSTANCE.maxTimestamp(),
              GlobalWindow.INSTANCE);
        }
        sink.counts = null;
      }
    }

    @Teardown
    public void teardown() {
      for (DocStep s : steps) s.teardown();
    }
  }

  private static final class Sink implements DocStep.Out {
    private final Fanout.Emitter emit;
    private DoFn<Fanout.Tagged, Fanout.Tagged>.ProcessContext out;
    private RunStats stats;
    private TreeMap<String, long[]> counts;

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
    public void count(String key, long n) {
      if (counts == null) counts = new TreeMap<>();
      counts.computeIfAbsent(key, k -> new long[1])[0] += n;
    }

    @Override
    public RunStats stats() {
      if (stats == null) stats = new RunStats();
      return stats;
    }
  }
}
