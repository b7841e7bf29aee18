package dev.sluice.trainer.train;

import java.io.PrintStream;
import java.util.Locale;

/** The progress line: rewritten in place on a terminal, one line per evaluation otherwise. */
public final class Progress {
  private final PrintStream out;
  private final boolean tty;
  private final boolean quiet;
  private long total;
  private long stopAt;
  private long started;
  private long startStep;
  private double lastTps = Double.NaN;

  private Progress(PrintStream out, boolean tty, boolean quiet) {
    this.out = out;
    this.tty = tty;
    this.quiet = quiet;
  }

  public static Progress console() {
    return new Progress(System.err, System.console() != null, false);
  }

  public static Progress none() {
    return new Progress(System.err, false, true);
  }

  void start(long step, long total, long stopAt) {
    this.total = total;
    this.stopAt = stopAt;
    this.started = System.nanoTime();
    this.startStep = step;
  }

  void update(long step, double loss, double val, double lr, double tokensPerSecond) {
    if (quiet) return;
    boolean evalLine = Double.isNaN(tokensPerSecond);
    if (!evalLine) lastTps = tokensPerSecond;
    if (!tty && !evalLine) return;
    double secs = (System.nanoTime() - started) / 1e9;
    double eta = step > startStep ? secs / (step - startStep) * (stopAt - step) : Double.NaN;
    String line =
        String.format(
            Locale.ROOT,
            "step %d/%d  loss %.4f  val %.4f  lr %.2e  %,.0f tok/s  eta %s",
            step,
            total,
            loss,
            val,
            lr,
            lastTps,
            Double.isNaN(eta) ? "?" : String.format(Locale.ROOT, "%.0fs", eta));
    if (tty) out.print("\r" + line + "\u001b[K");
    else out.println(line);
    out.flush();
  }

  /** One line of its own (an image run's evaluation), unless quiet. */
  public void line(String text) {
    if (quiet) return;
    out.println(text);
    out.flush();
  }

  void finish() {
    if (tty && !quiet) out.println();
  }
}
