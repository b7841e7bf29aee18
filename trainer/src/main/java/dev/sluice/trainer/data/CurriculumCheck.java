package dev.sluice.trainer.data;

import dev.sluice.core.cli.UsageException;

/**
 * Before any work: a curriculum ordered by difficulty needs the difficulty column in the shards, with values. A
 * Sluice run curated without a {@code curriculum} section has the column, all null; every document would then
 * score as hardest, none would be eligible before full competence, and training would stop after its setup.
 */
public final class CurriculumCheck {
  private CurriculumCheck() {}

  public static void check(RunData run, DataConfig data, Curriculum c) {
    if (c == null || !c.order().needsDifficulty() || run.shards().isEmpty()) return;
    String column = data.difficultyColumn();
    String why = null;
    boolean values = false;
    for (RunData.Shard s : run.shards()) {
      try (ShardFile shard = ShardFile.open(s.path(), data.columns())) {
        values |= shard.hasValues(column);
      } catch (DataException e) {
        why = e.getMessage();
        break;
      }
      if (values) break;
    }
    if (why == null && values) return;
    throw new UsageException(
        "data.difficulty_column: curriculum order "
            + c.order().key()
            + " needs values in the column '"
            + column
            + "', and "
            + (why != null ? why : run.dir() + " has none (every row is null)")
            + "; curate with a `curriculum: {difficulty: [...]}` section in the recipe, or use"
            + " curriculum.order random");
  }
}
