package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.report.RunStats;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.values.TupleTag;

/** The three outputs every step can have: documents that go on, removed documents, and dead letters. */
public final class Tags {
  public static final TupleTag<Doc> DOCS = new TupleTag<>("docs") {};
  public static final TupleTag<RemovedDoc> REMOVED = new TupleTag<>("removed") {};
  public static final TupleTag<DeadLetter> DEAD = new TupleTag<>("dead") {};

  /** Images going on (the image recipes' counterpart of {@link #DOCS}). */
  public static final TupleTag<ImageDoc> IMAGES = new TupleTag<>("images") {};

  /** Per-bundle partial report statistics (see dev.sluice.report.RunStats). */
  public static final TupleTag<RunStats> STATS = new TupleTag<>("stats") {};

  private Tags() {}

  /** The hand-written coder of one of these tags. */
  static Coder<?> coder(TupleTag<?> t) {
    String id = t.getId();
    if (id.equals(DOCS.getId())) return Doc.CODER;
    if (id.equals(REMOVED.getId())) return RemovedDoc.CODER;
    if (id.equals(DEAD.getId())) return DeadLetter.CODER;
    if (id.equals(IMAGES.getId())) return ImageDoc.CODER;
    if (id.equals(STATS.getId())) return SerializableCoder.of(RunStats.class);
    throw new IllegalArgumentException("no standard coder for output " + id);
  }
}
