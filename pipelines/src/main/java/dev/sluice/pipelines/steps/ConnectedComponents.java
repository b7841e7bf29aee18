package dev.sluice.pipelines.steps;

import dev.sluice.quality.dedup.StarComponents;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Connected components of an undirected edge list, computed distributed: {@code rounds} alternations of
 * large-star and small-star (one GroupByKey each; {@link StarComponents}), then each node's label is the
 * smallest id it is linked to. No step holds more than one node's neighbourhood. A final join checks that both
 * ends of every input edge got the same label; each edge that did not is counted in
 * {@code sluice/near.unconverged_edges}, and the run fails on a non-zero count (raise
 * dedup.near.component_rounds).
 */
public final class ConnectedComponents
    extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
  public static final String UNCONVERGED = "near.unconverged_edges";
  private static final KvCoder<String, String> EDGE =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
  private final int rounds;

  public ConnectedComponents(int rounds) {
    this.rounds = rounds;
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> edges) {
    PCollection<KV<String, String>> e = edges;
    for (int r = 1; r <= rounds; r++) {
      e =
          e.apply("BothWays" + r, ParDo.of(new BothWaysFn()))
              .setCoder(EDGE)
              .apply("GroupLarge" + r, GroupByKey.create())
              .apply("LargeStar" + r, ParDo.of(new LargeStarFn()))
              .setCoder(EDGE)
              .apply("TowardSmaller" + r, ParDo.of(new TowardSmallerFn()))
              .setCoder(EDGE)
              .apply("GroupSmall" + r, GroupByKey.create())
              .apply("SmallStar" + r, ParDo.of(new SmallStarFn()))
              .setCoder(EDGE);
    }
    PCollection<KV<String, String>> labels =
        e.apply("LabelBothWays", ParDo.of(new BothWaysFn()))
            .setCoder(EDGE)
            .apply("GroupLabel", GroupByKey.create())
            .apply("SmallestLinked", ParDo.of(new LabelFn()))
            .setCoder(EDGE);
    check(edges, labels);
    return labels;
  }

  private static void check(
      PCollection<KV<String, String>> edges, PCollection<KV<String, String>> labels) {
    TupleTag<String> label = new TupleTag<>();
    TupleTag<String> other = new TupleTag<>();
    PCollection<KV<String, String>> half =
        KeyedPCollectionTuple.of(label, labels)
            .and(other, edges)
            .apply("JoinFrom", CoGroupByKey.create())
            .apply(
                "LabelOfFrom",
                ParDo.of(
                    new DoFn<KV<String, CoGbkResult>, KV<String, String>>() {
                      @ProcessElement
                      public void process(
                          @Element KV<String, CoGbkResult> kv,
                          OutputReceiver<KV<String, String>> out) {
                        String l = kv.getValue().getOnly(label, kv.getKey());
                        for (String to : kv.getValue().getAll(other)) out.output(KV.of(to, l));
                      }
                    }))
            .setCoder(EDGE);
    TupleTag<String> fromLabel = new TupleTag<>();
    KeyedPCollectionTuple.of(label, labels)
        .and(fromLabel, half)
        .apply("JoinTo", CoGroupByKey.create())
        .apply(
            "CountUnconverged",
            ParDo.of(
                new DoFn<KV<String, CoGbkResult>, Void>() {
                  private final Counter bad = Metrics.counter(StageClock.NAMESPACE, UNCONVERGED);

                  @ProcessElement
                  public void process(@Element KV<String, CoGbkResult> kv) {
                    String l = kv.getValue().getOnly(label, kv.getKey());
                    for (String f : kv.getValue().getAll(fromLabel)) if (!f.equals(l)) bad.inc();
                  }
                }));
  }

  static final class BothWaysFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      if (e.getKey().equals(e.getValue())) return;
      out.output(e);
      out.output(KV.of(e.getValue(), e.getKey()));
    }
  }

  static final class TowardSmallerFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      int c = e.getKey().compareTo(e.getValue());
      if (c > 0) out.output(e);
      else if (c < 0) out.output(KV.of(e.getValue(), e.getKey()));
    }
  }

  static final class LargeStarFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> n, OutputReceiver<KV<String, String>> out) {
      TreeSet<String> nb = new TreeSet<>();
      n.getValue().forEach(nb::add);
      for (StarComponents.Edge e : StarComponents.largeStar(n.getKey(), nb))
        out.output(KV.of(e.from(), e.to()));
    }
  }

  static final class SmallStarFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> n, OutputReceiver<KV<String, String>> out) {
      TreeSet<String> nb = new TreeSet<>();
      n.getValue().forEach(nb::add);
      for (StarComponents.Edge e : StarComponents.smallStar(n.getKey(), nb))
        out.output(KV.of(e.from(), e.to()));
    }
  }

  static final class LabelFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> n, OutputReceiver<KV<String, String>> out) {
      String m = n.getKey();
      for (String v : n.getValue()) if (v.compareTo(m) < 0) m = v;
      out.output(KV.of(n.getKey(), m));
    }
  }
}
