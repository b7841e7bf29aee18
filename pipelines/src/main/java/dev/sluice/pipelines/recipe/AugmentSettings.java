package dev.sluice.pipelines.recipe;

import dev.sluice.augment.text.AugmentPolicy;
import dev.sluice.core.config.Config;
import dev.sluice.core.config.DidYouMean;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code augment.text}: {@code copies} augmented copies per kept document (the originals stay) and the rate of
 * each op ({@code ops: {synonym: 0.1, insert: 0.1, swap: 0.1, delete: 0.1, typo: 0.02}}; the names are a
 * contract, AugmentPolicy.OPS lists all). Null in the recipe when the step is off.
 */
public record AugmentSettings(int copies, Map<String, Double> ops) implements Serializable {
  public static final int MAX_COPIES = 100;

  public AugmentSettings {
    ops = Map.copyOf(ops);
  }

  public static AugmentSettings from(Map<String, Object> section) {
    Config top = Config.of("augment", section).allowOnly("text");
    Config text = top.child("text").allowOnly("copies", "ops");
    if (!text.has("ops")) {
      throw new Config.ConfigException(
          "augment.text.ops", null, "a mapping of ops to rates, e.g. {synonym: 0.1, swap: 0.1}");
    }
    Map<String, Object> raw = text.getSection("ops");
    Config ops = text.child("ops");
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String op : raw.keySet()) {
      if (!AugmentPolicy.OPS.contains(op)) {
        throw new Config.ConfigException(
            ops.path(op),
            op,
            "an op from " + AugmentPolicy.OPS + DidYouMean.hint(op, AugmentPolicy.OPS));
      }
      rates.put(op, ops.getFraction(op, 0));
    }
    AugmentSettings s = new AugmentSettings(text.getInt("copies", 1, 0, MAX_COPIES), rates);
    s.policy(); // the policy's own checks, before any work
    return s;
  }

  public AugmentPolicy policy() {
    return AugmentPolicy.of(ops);
  }
}
