package dev.sluice.pipelines.recipe;

import dev.sluice.core.config.Config;
import java.io.Serializable;
import java.util.Map;

/**
 * The run directory; the most rows and the most text bytes (UTF-8, before compression) per kept-document shard
 * (shards = max(ceil(kept / shard_rows), ceil(text bytes / shard_bytes)), never more than the rows; 0 turns the
 * byte target off); and the Parquet compression codec.
 */
public record OutputSettings(String path, int shardRows, long shardBytes, String compression)
    implements Serializable {
  /** 256 MiB of text: with zstd, shards of about 80-100 MB, a size streaming readers and the Hub handle well. */
  public static final long DEFAULT_SHARD_BYTES = 256L << 20;

  public static OutputSettings from(Map<String, Object> section, String recipeName) {
    Config c =
        Config.of("output", section).allowOnly("path", "shard_rows", "shard_bytes", "compression");
    return new OutputSettings(
        c.getString("path", "out/" + recipeName),
        c.getInt("shard_rows", 50_000, 1, 100_000_000),
        c.getLong("shard_bytes", DEFAULT_SHARD_BYTES, 0, Long.MAX_VALUE),
        c.getChoice("compression", "zstd", "zstd", "snappy", "gzip", "uncompressed"));
  }
}
