package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.RemovedDoc;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Points every duplicate's {@code duplicate_of} at the document that survived all the dedup steps. Dedup steps run
 * one after another: exact dedup keeps S and removes X as its copy, then a later step removes S as a copy of T, and
 * X's row said {@code duplicate_of: S}, a document that is not in the output. Near and perceptual dedup re-point
 * the exact step's rows in their own join ({@link DuplicateClusters#apply}, no extra shuffle); this step does it for
 * the cross-run history check, which has no join by id. Each round joins the duplicate rows by the id they point at
 * with the duplicate rows of that id, distributed (one CoGroupByKey; no step holds the removed rows), and re-points
 * a row whose target was itself removed as a duplicate. A chain that ends outside the run (the history's ids)
 * keeps its last id.
 */
public final class ResolveDuplicateChains
    extends PTransform<PCollection<RemovedDoc>, PCollection<RemovedDoc>> {
  private final int rounds;

  public ResolveDuplicateChains(int rounds) {
    this.rounds = rounds;
  }

  @Override
  public PCollection<RemovedDoc> expand(PCollection<RemovedDoc> removed) {
    PCollection<RemovedDoc> out = removed;
    for (int i = 0; i < rounds; i++) out = out.apply("Round" + (i + 1), new Round());
    return out;
  }

  static final TupleTag<KV<String, RemovedDoc>> POINTER = new TupleTag<>() {};
  static final TupleTag<KV<String, String>> TARGET = new TupleTag<>() {};
  static final TupleTag<RemovedDoc> OTHER = new TupleTag<>() {};

  static final class Round extends PTransform<PCollection<RemovedDoc>, PCollection<RemovedDoc>> {
    @Override
    public PCollection<RemovedDoc> expand(PCollection<RemovedDoc> removed) {
      PCollectionTuple split =
          removed.apply(
              "SplitDuplicates",
              ParDo.of(new SplitFn()).withOutputTags(OTHER, TupleTagList.of(POINTER).and(TARGET)));
      split.get(OTHER).setCoder(RemovedDoc.CODER);
      PCollection<KV<String, RemovedDoc>> pointers =
          split.get(POINTER).setCoder(KvCoder.of(StringUtf8Coder.of(), RemovedDoc.CODER));
      PCollection<KV<String, String>> targets =
          split.get(TARGET).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
      TupleTag<RemovedDoc> rows = new TupleTag<>();
      TupleTag<String> removedAs = new TupleTag<>();
      PCollection<RemovedDoc> repointed =
          KeyedPCollectionTuple.of(rows, pointers)
              .and(removedAs, targets)
              .apply("JoinTargets", CoGroupByKey.create())
              .apply("Repoint", ParDo.of(new RepointFn(rows, removedAs)))
              .setCoder(RemovedDoc.CODER);
      return PCollectionList.of(split.get(OTHER))
          .and(repointed)
          .apply("Rejoin", Flatten.pCollections())
          .setCoder(RemovedDoc.CODER);
    }
  }

  /** A duplicate's row goes to the join twice: keyed by its target, and as the target of rows keyed by its id. */
  static final class SplitFn extends DoFn<RemovedDoc, RemovedDoc> {
    @ProcessElement
    public void process(@Element RemovedDoc r, MultiOutputReceiver out) {
      if (r.duplicateOf() == null) {
        out.get(OTHER).output(r);
        return;
      }
      out.get(POINTER).output(KV.of(r.duplicateOf(), r));
      out.get(TARGET).output(KV.of(r.id(), r.duplicateOf()));
    }
  }

  static final class RepointFn extends DoFn<KV<String, CoGbkResult>, RemovedDoc> {
    private final TupleTag<RemovedDoc> rows;
    private final TupleTag<String> removedAs;

    RepointFn(TupleTag<RemovedDoc> rows, TupleTag<String> removedAs) {
      this.rows = rows;
      this.removedAs = removedAs;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> kv, OutputReceiver<RemovedDoc> out) {
      // ids are unique among removed rows, so the key was removed as a duplicate at most once
      Iterator<String> target = kv.getValue().getAll(removedAs).iterator();
      String survivor = target.hasNext() ? target.next() : null;
      List<RemovedDoc> mine = new ArrayList<>();
      kv.getValue().getAll(rows).forEach(mine::add);
      for (RemovedDoc r : mine) out.output(survivor == null ? r : r.withDuplicateOf(survivor));
    }
  }
}
