package dev.sluice.pipelines.steps;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Time a step's code spends, summed per bundle into the counter {@code sluice/nanos:<stage>} (the manifest's
 * per-stage seconds: CPU-side time over all workers, not wall time).
 */
public final class StageClock implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  public static final String NAMESPACE = "sluice";
  private final String stage;
  private transient Counter counter;
  private transient long nanos;

  public StageClock(String stage) {
    this.stage = stage;
  }

  public long start() {
    return System.nanoTime();
  }

  public void stop(long start) {
    nanos += System.nanoTime() - start;
  }

  /** Call from @FinishBundle. */
  public void flush() {
    if (nanos == 0) return;
    if (counter == null) counter = Metrics.counter(NAMESPACE, "nanos:" + stage);
    counter.inc(nanos);
    nanos = 0;
  }
}
