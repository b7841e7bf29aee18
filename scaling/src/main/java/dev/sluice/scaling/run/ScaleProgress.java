package dev.sluice.scaling.run;

import dev.sluice.scaling.experiment.GridPlan;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What a long grid tells its user: which point is training, points done of total, and an ETA from the FLOPs
 * per second measured on the points trained so far (this session's, so a resumed grid estimates from its own
 * machine). One plain line per event, so it reads the same in a terminal and in a log.
 */
public final class ScaleProgress {
  private final PrintStream out;
  private int total;
  private int done;
  private double remainingFlops;
  private double measuredFlops;
  private double measuredSeconds;
  private long pointStart;

  public ScaleProgress(PrintStream out) {
    this.out = out;
  }

  public void line(String s) {
    out.println("sluice scale: " + s);
  }

  void startGrid(
      List<GridPlan.PlannedPoint> plan,
      java.util.function.Predicate<GridPlan.PlannedPoint> finished) {
    total = plan.size();
    done = (int) plan.stream().filter(finished).count();
    remainingFlops =
        plan.stream().filter(finished.negate()).mapToDouble(GridPlan.PlannedPoint::flops).sum();
    line(
        String.format(
            Locale.ROOT,
            "grid: %d points, %d finished before, %.3g FLOPs to train",
            total,
            done,
            remainingFlops));
  }

  void startPoint(GridPlan.PlannedPoint p) {
    pointStart = System.nanoTime();
    String eta =
        measuredSeconds > 0
            ? ", ETA " + duration(remainingFlops / (measuredFlops / measuredSeconds))
            : "";
    line(
        String.format(
            Locale.ROOT,
            "[%d/%d] training %s: %,d params, %,d tokens (%,d steps)%s",
            done + 1,
            total,
            p.id(),
            p.params(),
            p.tokens(),
            p.steps(),
            eta));
  }

  void donePoint(PointResult r) {
    done++;
    remainingFlops = Math.max(0, remainingFlops - r.flops());
    if (pointStart != 0) {
      measuredFlops += r.flops();
      measuredSeconds += (System.nanoTime() - pointStart) / 1e9;
      pointStart = 0;
    }
    StringBuilder evals = new StringBuilder();
    r.evalBpb()
        .forEach((k, v) -> evals.append(String.format(Locale.ROOT, ", %s %.4f bits/byte", k, v)));
    line(
        String.format(
            Locale.ROOT,
            "[%d/%d] done %s in %.1f s (%,.0f tokens/s, %.2f epochs)%s",
            done,
            total,
            r.id(),
            r.wallSeconds(),
            r.tokensPerSecond(),
            r.epochs(),
            evals));
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
