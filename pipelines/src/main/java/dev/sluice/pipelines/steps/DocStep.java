package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.report.RunStats;
import java.io.Serializable;

/**
 * One per-document step (normalise, language, quality rules, report statistics): a document in, the document to
 * pass on or nothing. {@link PerDocument} runs a list of them inside one DoFn, so a document crosses no runner
 * boundary between them (each boundary of a multi-output step costs a full encode and decode per consumer).
 */
public interface DocStep extends Serializable {
  /** The manifest stage this step's time is counted under ({@code sluice/nanos:<stage>}), or null for none. */
  String stage();

  /** Once per DoFn instance, before the first document. */
  default void setup() {}

  /**
   * Loads ahead the JVM-wide resources {@link #setup} will share (a language model, say), when the job runs in
   * this JVM: called on a background thread while the runner is still building and starting the job, so a small
   * run does not wait for them on its critical path. Must only fill caches that {@code setup} reads.
   */
  default void warmUp() {}

  /** Once per DoFn instance, at the end. */
  default void teardown() {}

  /**
   * The document to hand to the next step — a copy when this step changed it, never the modified input — or null
   * when this step sent it to {@code out} as removed or a dead letter.
   */
  Doc apply(Doc d, Out out);

  /** Where a step sends what leaves the stream. */
  interface Out {
    void removed(RemovedDoc r);

    void dead(DeadLetter d);

    /**
     * Adds {@code n} to a tally key that is not an outcome (such as {@code pii:email}): summed per bundle and
     * written to the tally beside the outcome counts, which it does not change.
     */
    void count(String key, long n);

    /** This bundle's partial report statistics (created on first use, emitted at the end of the bundle). */
    RunStats stats();
  }
}
