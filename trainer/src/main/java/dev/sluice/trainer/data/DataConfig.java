package dev.sluice.trainer.data;

import dev.sluice.core.cli.UsageException;

/**
 * What the trainer reads from the shards and how it splits and shuffles them.
 *
 * @param idColumn column with the document id (the validation split hashes it)
 * @param textColumn column with the text; its UTF-8 bytes are the tokens
 * @param weightColumn optional numeric column: each token's loss is weighted by its document's value
 * @param difficultyColumn optional numeric column carried per sequence, for curriculum pacing
 * @param valFraction share of documents (by id hash) held out for validation, in [0, 0.5]
 * @param shuffleBuffer sequences held in the shuffle buffer
 */
public record DataConfig(
    String idColumn,
    String textColumn,
    String weightColumn,
    String difficultyColumn,
    double valFraction,
    int shuffleBuffer) {

  public DataConfig {
    if (!(valFraction >= 0 && valFraction <= 0.5)) {
      throw new UsageException("data.val_fraction must be in [0, 0.5], got " + valFraction);
    }
    if (shuffleBuffer < 1)
      throw new UsageException("data.shuffle_buffer must be >= 1, got " + shuffleBuffer);
  }

  public static DataConfig defaults() {
    return new DataConfig("id", "text", null, null, 0.02, 1024);
  }

  /** The columns the trainer reads. */
  public ShardFile.Columns columns() {
    return new ShardFile.Columns(idColumn, textColumn, weightColumn, difficultyColumn);
  }
}
