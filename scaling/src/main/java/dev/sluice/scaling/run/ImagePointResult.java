package dev.sluice.scaling.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A finished image point, as the registry ({@code OUT/points.jsonl}) records it: what was trained (arm, width,
 * fraction, seed), on how many images, and what the trainer's result.json reported. {@code error()} is the test
 * error 1 − test_accuracy, or 1 − final_val_accuracy when the experiment has no evaluation images ({@code
 * errorSource} says which). {@code inputsSha256} hashes the point's recipe, overrides and data.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImagePointResult(
    String id,
    String arm,
    int width,
    double fraction,
    long seed,
    long params,
    long images,
    long trainImages,
    double flops,
    double finalValLoss,
    double finalValAccuracy,
    double bestValAccuracy,
    Double testLoss,
    Double testAccuracy,
    double wallSeconds,
    double imagesPerSecond,
    String device,
    String runDir,
    String inputsSha256)
    implements Registry.Entry {

  /** The error the analysis fits: on the test images when there are any, else on the validation split. */
  public double error() {
    return 1 - (testAccuracy != null ? testAccuracy : finalValAccuracy);
  }

  public String errorSource() {
    return testAccuracy != null ? "test" : "validation";
  }

  static ImagePointResult read(
      String id,
      String arm,
      int width,
      double fraction,
      long seed,
      JsonNode r,
      String dir,
      String key) {
    return new ImagePointResult(
        id,
        arm,
        width,
        fraction,
        seed,
        r.path("params").asLong(),
        r.path("images").asLong(),
        r.path("train_images").asLong(),
        r.path("flops").asDouble(),
        r.path("final_val_loss").asDouble(),
        r.path("final_val_accuracy").asDouble(),
        r.path("best_val_accuracy").asDouble(),
        number(r.path("test_loss")),
        number(r.path("test_accuracy")),
        r.path("wall_seconds").asDouble(),
        r.path("images_per_second").asDouble(),
        r.path("device").asText(null),
        dir,
        key);
  }

  private static Double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : null;
  }
}
