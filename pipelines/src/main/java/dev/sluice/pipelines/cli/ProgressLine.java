package dev.sluice.pipelines.cli;

import dev.sluice.pipelines.run.ClusterStatus;
import dev.sluice.pipelines.steps.Progress;
import java.util.Locale;

/**
 * Shows progress while a run is under way: a redrawn line on a terminal, a plain log line every 10 s otherwise. On
 * the embedded runner it counts records read and documents written in this process; on a cluster, where they are
 * counted on the TaskManagers, it shows the job's state and tasks from Flink's REST API ({@link ClusterStatus}).
 */
final class ProgressLine {
  private final boolean tty;
  private final ClusterStatus cluster;
  private Thread thread;
  private final long start = System.nanoTime();

  ProgressLine(boolean tty, boolean onCluster) {
    this.tty = tty;
    this.cluster = onCluster ? new ClusterStatus() : null;
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
    long lastPoll = 0;
    String status = null;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(tty ? 200 : 1000);
        double secs = (System.nanoTime() - start) / 1e9;
        String line;
        if (cluster != null) {
          boolean due =
              tty
                  ? System.nanoTime() - lastPoll > 2_000_000_000L
                  : System.nanoTime() - lastLog > 10_000_000_000L;
          if (due || status == null) {
            status = cluster.line();
            lastPoll = System.nanoTime();
          }
          line =
              String.format(
                  Locale.ROOT,
                  "%s %s, %.0fs",
                  spin[i++ % 4],
                  status == null ? "starting" : status,
                  secs);
        } else {
          long read = Progress.READ.sum();
          line =
              String.format(
                  Locale.ROOT,
                  "%s %,d records read, %,d documents written, %.0fs (%,.0f/s)",
                  spin[i++ % 4],
                  read,
                  Progress.WRITTEN.sum(),
                  secs,
                  read / Math.max(secs, 1e-3));
        }
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
