package dev.sluice.scaling.cli;

import dev.sluice.core.io.AtomicFiles;
import dev.sluice.scaling.fit.Estimate;
import dev.sluice.scaling.fit.FitJson;
import dev.sluice.scaling.fit.FitSummary;
import dev.sluice.scaling.fit.PointsCsv;
import dev.sluice.scaling.fit.ScalingFits;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice fit POINTS.csv}: the scaling-law fitter alone, on anyone's points. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Fit L(N, D) = E + A/N^alpha + B/D^beta per arm and jointly, with bootstrap 95%% intervals.",
    footer = {
      "",
      "POINTS.csv has a header with the columns arm,N,D,loss (optional seed, C); the first arm is the",
      "reference every multiplier is relative to. Writes JSON (docs/scaling.md).",
      "Example: bin/sluice fit points.csv --output fit.json",
      "Exit codes: 0 fitted, 2 bad file or points that cannot be fitted, 1 failure."
    })
public final class FitCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "POINTS.csv",
      description = "the points: arm,N,D,loss[,seed][,C]")
  Path points;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "write the fit as JSON here (default: stdout)")
  Path output;

  @Option(
      names = "--resamples",
      defaultValue = "1000",
      paramLabel = "R",
      description =
          "bootstrap resamples: 0 (no intervals) or 40 or more (default ${DEFAULT-VALUE})")
  int resamples;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "bootstrap seed (default ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (resamples < 0
        || (resamples > 0 && resamples < dev.sluice.scaling.fit.Bootstrap.MIN_RESAMPLES)) {
      throw new dev.sluice.core.cli.UsageException(
          "--resamples must be 0 (no intervals) or at least "
              + dev.sluice.scaling.fit.Bootstrap.MIN_RESAMPLES
              + " (a 95% interval is the 2.5th to 97.5th percentile of the resamples), got "
              + resamples);
    }
    if (output != null && java.nio.file.Files.isDirectory(output)) {
      throw new dev.sluice.core.cli.UsageException(
          "--output " + output + " is a directory; give the JSON file to write");
    }
    if (output != null
        && java.nio.file.Files.exists(output)
        && java.nio.file.Files.exists(points)
        && java.nio.file.Files.isSameFile(output, points)) {
      throw new dev.sluice.core.cli.UsageException(
          "--output " + output + " is the points file itself; it would be overwritten");
    }
    FitSummary s = ScalingFits.fit(PointsCsv.read(points), resamples, seed);
    String json = FitJson.JSON.writeValueAsString(FitJson.of(s));
    if (output == null) {
      System.out.println(json);
      s.warnings().forEach(w -> System.err.println("warning: " + w));
      return 0;
    }
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) java.nio.file.Files.createDirectories(parent);
    AtomicFiles.write(output, json + "\n");
    s.arms()
        .forEach(
            (arm, a) ->
                System.err.printf(
                    Locale.ROOT,
                    "%-16s E %s  A %s  B %s  alpha %s  beta %s  (%s fit, %d points)%n",
                    arm,
                    fmt(a.e()),
                    fmt(a.a()),
                    fmt(a.b()),
                    fmt(a.alpha()),
                    fmt(a.beta()),
                    a.source(),
                    a.points()));
    s.multipliers()
        .forEach((arm, m) -> System.err.printf(Locale.ROOT, "multiplier %-16s %s%n", arm, fmt(m)));
    s.warnings().forEach(w -> System.err.println("warning: " + w));
    System.err.println("fit: " + output);
    return 0;
  }

  static String fmt(Estimate e) {
    if (Double.isNaN(e.value())) return "n/a";
    if (Double.isInfinite(e.value())) return "unbounded (the reference never reaches this loss)";
    if (e.ciLow() == null) return String.format(Locale.ROOT, "%.4g", e.value());
    return String.format(Locale.ROOT, "%.4g [%.4g, %.4g]", e.value(), e.ciLow(), e.ciHigh());
  }
}
