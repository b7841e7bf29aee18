package dev.sluice.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sluice run directory as the trainer sees it: the shards its manifest lists, in manifest order. The manifest
 * is the contract (DESIGN.md): a directory without one is an unfinished or foreign run and is refused.
 */
public record RunData(Path dir, List<Shard> shards, long rows) {

  /** One shard: its file, and the rows and bytes the manifest promises. */
  public record Shard(Path path, long rows, long bytes) {}

  public static RunData open(Path dir) {
    Path manifest = dir.resolve("manifest.json");
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(manifest.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new DataException(manifest + ": no manifest; is " + dir
          + " a finished Sluice run directory (bin/sluice run ... writes manifest.json last)?");
    } catch (IOException e) {
      throw new DataException(manifest + ": unreadable manifest: " + e.getMessage(), e);
    }
    JsonNode list = root.path("shards");
    if (!list.isArray()) throw new DataException(manifest + ": has no \"shards\" list");
    List<Shard> shards = new ArrayList<>();
    long rows = 0;
    for (JsonNode s : list) {
      String rel = s.path("path").asText("");
      if (rel.isEmpty()) throw new DataException(manifest + ": a shard entry has no path: " + s);
      Path p = dir.resolve(rel).normalize();
      if (!Files.isRegularFile(p)) throw new DataException(p + ": shard listed in the manifest is missing");
      long bytes = s.path("bytes").asLong(-1);
      try {
        long actual = Files.size(p);
        if (bytes >= 0 && actual != bytes) {
          throw new DataException(p + ": shard is " + actual + " bytes but the manifest says " + bytes
              + " (truncated or replaced after the run?)");
        }
      } catch (IOException e) {
        throw new DataException(p + ": unreadable shard: " + e.getMessage(), e);
      }
      long r = s.path("rows").asLong(0);
      rows += r;
      shards.add(new Shard(p, r, bytes));
    }
    if (shards.isEmpty()) throw new DataException(manifest + ": the run kept no documents (no shards) — nothing to train on");
    return new RunData(dir, List.copyOf(shards), rows);
  }
}
