package dev.sluice.pipelines.recipe;

import dev.sluice.core.config.Config;
import dev.sluice.quality.dedup.KeepPolicy;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image recipe's dedup: {@code exact} (default true: the SHA-256 of the decoded pixels), {@code perceptual} (a
 * mapping, {} for its defaults, or true/false; absent: off) and {@code keep}, the text keep policy's names read for
 * images: {@code length_*} is the pixel count, {@code quality_*} the input's file size; default
 * [length_desc, id_asc] (the largest image, then the smallest id: exact copies keep the smallest id).
 */
public record ImageDedupSettings(boolean exact, Map<String, Object> perceptual, KeepPolicy keep)
    implements Serializable {
  public static final List<String> DEFAULT_KEEP = List.of("length_desc", "id_asc");

  public static ImageDedupSettings from(Map<String, Object> section) {
    Config c = Config.of("dedup", section);
    for (String k : List.of("near", "history")) {
      if (c.has(k)) {
        throw new Config.ConfigException(
            "dedup." + k,
            k,
            "no dedup."
                + k
                + " in an image recipe (it is MinHash over text); images use"
                + " dedup.perceptual");
      }
    }
    c.allowOnly("exact", "perceptual", "keep");
    Map<String, Object> perceptual;
    Object p = section.get("perceptual");
    if (p == null || Boolean.FALSE.equals(p)) perceptual = null;
    else if (Boolean.TRUE.equals(p)) perceptual = new LinkedHashMap<>();
    else perceptual = new LinkedHashMap<>(c.getSection("perceptual"));
    ImageChecks.perceptual(perceptual);
    return new ImageDedupSettings(
        c.getBool("exact", true), perceptual, KeepPolicy.of(c.getStringList("keep", DEFAULT_KEEP)));
  }
}
