package dev.sluice.scaling.run;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * A finished point of the grid, as the registry ({@code OUT/points.jsonl}) records it: what was trained, on what,
 * for how long, and the losses its result.json reported (bits per byte on each evaluation set). {@code
 * inputsSha256} hashes what it was trained and scored on (its training recipe, its arm's run directory, the
 * evaluation sets'): a point counts as finished only for those ({@link ScaleRunner#key}).
 */
@JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PointResult(
    String id,
    String arm,
    String size,
    double budget,
    long seed,
    long params,
    double flopsPerToken,
    long steps,
    long tokens,
    double flops,
    long uniqueTokens,
    double epochs,
    double tokensPerSecond,
    double wallSeconds,
    double finalValLoss,
    Map<String, Double> evalBpb,
    String runDir,
    String inputsSha256)
    implements Registry.Entry {

  /** N as the fit sees it: FLOPs per token / 6 (so C = 6 N D exactly). */
  public double fitN() {
    return flopsPerToken / 6;
  }
}
