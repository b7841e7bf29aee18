package dev.sluice.pipelines.run;

import dev.sluice.schemas.Manifest;
import java.nio.file.Path;

/** What a finished run returns: its directory, its manifest, and throughput. */
public record RunSummary(
    Path dir, Manifest manifest, double wallSeconds, java.util.Map<String, Long> runnerCounters) {
  public double docsPerSecond() {
    return wallSeconds <= 0 ? 0 : manifest.counts().input() / wallSeconds;
  }
}
