package dev.sluice.scaling.experiment;

import dev.sluice.core.config.Config;
import dev.sluice.scaling.fit.Bootstrap;

/** The {@code fit} section an experiment shares with {@code sluice fit}'s options. */
final class FitSection {
  private FitSection() {}

  /** {@code fit.resamples}: 0 (no intervals) or enough for a percentile interval; default 1000. */
  static int resamples(Config fit) {
    int r = fit.getInt("resamples", 1000, 0, 1_000_000);
    if (r > 0 && r < Bootstrap.MIN_RESAMPLES) {
      throw new Config.ConfigException(
          fit.path("resamples"),
          r,
          "0 (no intervals) or an integer in [" + Bootstrap.MIN_RESAMPLES + ", 1000000]");
    }
    return r;
  }
}
