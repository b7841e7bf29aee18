package dev.sluice.trainer.image;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What an image run writes to result.json (docs/training.md, "Image classification"). {@code testLoss} and
 * {@code testAccuracy} are NaN (null in the file) without {@code eval.data}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImageResult(
    String task,
    String name,
    String recipeSha256,
    String data,
    String device,
    long seed,
    String model,
    int width,
    int imageSize,
    int channels,
    long params,
    double flopsPerImage,
    long steps,
    double epochs,
    long images,
    long trainImages,
    long valImages,
    double flops,
    double initialValLoss,
    double finalValLoss,
    double bestValLoss,
    long bestStep,
    double finalValAccuracy,
    double bestValAccuracy,
    double finalTrainLoss,
    String testData,
    long testImages,
    double testLoss,
    double testAccuracy,
    double wallSeconds,
    double imagesPerSecond,
    long resumedFromStep,
    boolean finished,
    List<String> labels) {}
