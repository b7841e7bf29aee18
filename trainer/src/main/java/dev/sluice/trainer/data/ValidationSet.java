package dev.sluice.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The held-out sequences: validation documents (by id hash) of every shard in manifest order, packed without
 * shuffling, up to a bound so evaluation cost stays fixed however large the run directory is.
 */
public final class ValidationSet {
  private ValidationSet() {}

  public static List<Sequence> load(RunData run, DataConfig config, int length, int maxSequences) {
    return load(run, config, length, maxSequences, false);
  }

  /**
   * Sequences of every document of an evaluation run directory (one no training run reads, such as the scaling
   * experiments' held-out sets), in the same packing, up to the bound.
   */
  public static List<Sequence> loadAll(
      RunData run, DataConfig config, int length, int maxSequences) {
    return load(run, config, length, maxSequences, true);
  }

  /** Training tokens of one epoch: bytes plus one separator of every document outside the validation split. */
  public static long trainingTokens(RunData run, DataConfig config) {
    long tokens = 0;
    for (RunData.Shard s : run.shards()) {
      try (ShardFile shard = ShardFile.open(s.path(), config.columns())) {
        for (int g = 0; g < shard.rowGroups(); g++) {
          ShardFile.RowGroup rows = shard.rowGroup(g);
          while (rows.hasNext()) {
            ShardFile.Row row = rows.next();
            if (!Tokens.isValidation(row.splitId(), config.valFraction()))
              tokens += row.text().length + 1;
          }
        }
      }
    }
    return tokens;
  }

  private static List<Sequence> load(
      RunData run, DataConfig config, int length, int maxSequences, boolean every) {
    List<Sequence> out = new ArrayList<>();
    Packer packer =
        new Packer(length, config.weightColumn() != null, config.difficultyColumn() != null);
    for (RunData.Shard s : run.shards()) {
      try (ShardFile shard = ShardFile.open(s.path(), config.columns())) {
        for (int g = 0; g < shard.rowGroups(); g++) {
          ShardFile.RowGroup rows = shard.rowGroup(g);
          while (rows.hasNext()) {
            ShardFile.Row row = rows.next();
            if (!every && !Tokens.isValidation(row.splitId(), config.valFraction())) continue;
            int offset = 0;
            while (offset <= row.text().length) {
              offset = packer.take(row, offset);
              if (packer.full()) {
                out.add(packer.emit());
                if (out.size() >= maxSequences) return out;
              }
            }
          }
        }
      }
    }
    return out;
  }
}
