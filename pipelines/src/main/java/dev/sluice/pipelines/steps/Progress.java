package dev.sluice.pipelines.steps;

import java.util.concurrent.atomic.LongAdder;

/**
 * In-JVM progress counters for the terminal display. They see work done in this JVM only (the embedded and
 * direct runners); on a remote cluster the display falls back to elapsed time. Never used for results: the
 * manifest's counts come from the pipeline itself.
 */
public final class Progress {
  public static final LongAdder READ = new LongAdder();
  public static final LongAdder WRITTEN = new LongAdder();

  private Progress() {}

  public static void reset() {
    READ.reset();
    WRITTEN.reset();
  }
}
