package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.pipelines.report.RunStats;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/** The three outputs every step can have: documents that go on, removed documents, and dead letters. */
public final class Tags {
  public static final TupleTag<Doc> DOCS = new TupleTag<>("docs") {};
  public static final TupleTag<RemovedDoc> REMOVED = new TupleTag<>("removed") {};
  public static final TupleTag<DeadLetter> DEAD = new TupleTag<>("dead") {};
  /** Per-bundle partial report statistics (see dev.sluice.pipelines.report.RunStats). */
  public static final TupleTag<RunStats> STATS = new TupleTag<>("stats") {};

  private Tags() {}

  /** Sets the hand-written coders on whichever of the three tags the tuple has. */
  public static PCollectionTuple withCoders(PCollectionTuple t) {
    if (t.has(DOCS)) t.get(DOCS).setCoder(Doc.CODER);
    if (t.has(REMOVED)) t.get(REMOVED).setCoder(RemovedDoc.CODER);
    if (t.has(DEAD)) t.get(DEAD).setCoder(DeadLetter.CODER);
    if (t.has(STATS)) t.get(STATS).setCoder(SerializableCoder.of(RunStats.class));
    return t;
  }
}
