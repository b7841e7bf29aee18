package dev.sluice.pipelines.recipe;

import dev.sluice.core.config.Config;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Keep documents whose identified language is in {@code keep} (all when empty) with at least min_confidence. */
public record LanguageSettings(List<String> keep, double minConfidence) implements Serializable {
  public static LanguageSettings from(Map<String, Object> section) {
    Config c = Config.of("language", section).allowOnly("keep", "min_confidence");
    return new LanguageSettings(
        c.getStringList("keep", List.of()), c.getFraction("min_confidence", 0.65));
  }
}
