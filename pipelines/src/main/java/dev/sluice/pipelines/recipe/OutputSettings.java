package dev.sluice.pipelines.recipe;

import dev.sluice.core.config.Config;
import java.io.Serializable;
import java.util.Map;

/** The run directory, target rows per shard, and the Parquet compression codec. */
public record OutputSettings(String path, int shardRows, String compression)
    implements Serializable {
  public static OutputSettings from(Map<String, Object> section, String recipeName) {
    Config c = Config.of("output", section).allowOnly("path", "shard_rows", "compression");
    return new OutputSettings(
        c.getString("path", "out/" + recipeName),
        c.getInt("shard_rows", 50_000, 1, 100_000_000),
        c.getChoice("compression", "zstd", "zstd", "snappy", "gzip", "uncompressed"));
  }
}
