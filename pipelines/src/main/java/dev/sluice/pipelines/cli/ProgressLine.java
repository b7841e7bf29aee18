package dev.sluice.pipelines.cli;

import dev.sluice.pipelines.run.Progress;
import java.util.Locale;

/**
 * Shows progress while a run is under way: a redrawn line on a terminal, a plain log line every 10 s otherwise.
 */
final class ProgressLine {
  private final boolean tty;
  private Thread thread;
  private final long start = System.nanoTime();

  ProgressLine(boolean tty) {
    this.tty = tty;
  }

  void start() {
    thread = new Thread(this::loop, "sluice-progress");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    String[] spin = {"|", "/", "-", "\\"};
    int i = 0;
    long lastLog = System.nanoTime();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(tty ? 200 : 1000);
        double secs = (System.nanoTime() - start) / 1e9;
        long read = Progress.READ.sum();
        String line = String.format(Locale.ROOT, "%s %,d records read, %,d documents written, %.0fs (%,.0f/s)",
            spin[i++ % 4], read, Progress.WRITTEN.sum(), secs, read / Math.max(secs, 1e-3));
        if (tty) {
          System.err.print("\r" + line + "   ");
          System.err.flush();
        } else if (System.nanoTime() - lastLog > 10_000_000_000L) {
          System.err.println("progress: " + line.substring(2));
          lastLog = System.nanoTime();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void stop() {
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (tty) System.err.print("\r\033[K");
  }
}
