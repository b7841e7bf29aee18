package dev.sluice.trainer.train;

/**
 * What a training run produced, as written to {@code TRAIN_DIR/result.json} (the training-run contract of
 * DESIGN.md: params, tokens, flops, final_val_loss, best_val_loss, wall_seconds, tokens_per_second; the other
 * fields extend it; docs/training.md). {@code unique_tokens} is one epoch of the training split, {@code epochs} the
 * passes over it; {@code eval} holds the final evaluation on each {@code --eval} set. Later steps (scaling experiments) read this file. Non-finite numbers are
 * written as null.
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(
    com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainResult(
    String name,
    String recipeSha256,
    String data,
    String device,
    long seed,
    long params,
    long nonEmbeddingParams,
    double flopsPerToken,
    long steps,
    long tokens,
    double flops,
    double finalValLoss,
    double finalValBpb,
    double bestValLoss,
    long bestStep,
    double initialValLoss,
    double finalTrainLoss,
    double wallSeconds,
    double tokensPerSecond,
    long resumedFromStep,
    boolean finished,
    long uniqueTokens,
    double epochs,
    java.util.Map<String, Trainer.Evaluation> eval) {}
