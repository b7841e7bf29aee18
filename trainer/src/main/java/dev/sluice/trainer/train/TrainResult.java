package dev.sluice.trainer.train;

/**
 * What a training run produced, as written to {@code summary.json} (docs/training.md): later steps (scaling
 * experiments) read this file.
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainResult(String name, String recipeSha256, String data, String device, long seed,
    long parameters, long nonEmbeddingParameters, double flopsPerToken, long steps, long tokens, double flops,
    double finalValLoss, double finalValBpb, double bestValLoss, long bestStep, double initialValLoss,
    double finalTrainLoss, double wallSeconds, double tokensPerSecond, long resumedFromStep, boolean finished) {}
