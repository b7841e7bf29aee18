package dev.sluice.pipelines.recipe;

import dev.sluice.core.config.Config;
import dev.sluice.quality.dedup.KeepPolicy;
import dev.sluice.quality.dedup.NearDedupConfig;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Exact and near dedup; {@code near} is null when that step is off. */
public record DedupSettings(boolean exact, NearDedupConfig near, KeepPolicy keep, String history)
    implements Serializable {
  public static DedupSettings from(Map<String, Object> section) {
    Config c = Config.of("dedup", section).allowOnly("exact", "near", "keep", "history");
    Map<String, Object> near =
        section.containsKey("near") && section.get("near") instanceof Boolean b
            ? (b ? Map.of() : null)
            : c.getSection("near");
    return new DedupSettings(
        c.getBool("exact", true),
        near == null ? null : NearDedupConfig.from(near),
        KeepPolicy.of(c.getStringList("keep", KeepPolicy.defaults().order())),
        c.getString("history", null));
  }

  public List<String> keepOrder() {
    return keep.order();
  }
}
