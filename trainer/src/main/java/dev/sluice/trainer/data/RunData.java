package dev.sluice.trainer.data;

import dev.sluice.core.run.RunDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sluice run directory as the trainer sees it: the shards its manifest lists, in manifest order, read through
 * the shared run-directory reader ({@link RunDir}: a directory without a manifest, or a listed shard that is
 * missing or resized, is refused with a message naming it).
 */
public record RunData(Path dir, List<Shard> shards, long rows) {

  /** One shard: its file, and the rows and bytes the manifest promises. */
  public record Shard(Path path, long rows, long bytes) {}

  public static RunData open(Path dir) {
    RunDir run = RunDir.open(dir);
    List<Shard> shards = new ArrayList<>();
    long rows = 0;
    for (RunDir.File f : run.shards()) {
      shards.add(new Shard(f.path(), f.rows(), f.bytes()));
      rows += f.rows();
    }
    if (shards.isEmpty()) {
      throw new DataException(
          dir.resolve(RunDir.MANIFEST)
              + ": the run kept no documents (no shards) — nothing to train on");
    }
    return new RunData(dir, List.copyOf(shards), rows);
  }
}
