package dev.sluice.pipelines.recipe;

import dev.sluice.core.config.Config;
import dev.sluice.core.config.DidYouMean;
import dev.sluice.quality.lang.LanguageIdentifier;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Keep documents whose identified language is in {@code keep} (all when empty) with at least min_confidence. */
public record LanguageSettings(List<String> keep, double minConfidence) implements Serializable {
  public static LanguageSettings from(Map<String, Object> section) {
    Config c = Config.of("language", section).allowOnly("keep", "min_confidence");
    List<String> keep = c.getStringList("keep", List.of());
    List<String> codes = LanguageIdentifier.codes();
    for (String code : keep) {
      // a code the identifier never answers ("eng", "EN") would remove every document
      if (!codes.contains(code)) {
        throw new Config.ConfigException(
            "language.keep",
            code,
            "a code the language identifier gives: " + codes + DidYouMean.hint(code, codes));
      }
    }
    return new LanguageSettings(keep, c.getFraction("min_confidence", 0.65));
  }
}
