package dev.sluice.pipelines.recipe;

import dev.sluice.core.config.Config;
import dev.sluice.core.config.DidYouMean;
import dev.sluice.pipelines.io.InputSettings;
import dev.sluice.quality.pii.PiiConfig;
import dev.sluice.quality.rules.RuleSet;
import dev.sluice.quality.rules.RuleSets;
import dev.sluice.quality.text.Normalizer;
import dev.sluice.report.DatasetCard;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A validated recipe. Leaving out {@code language}, {@code quality}, {@code decontaminate}, {@code quality_model},
 * {@code pii} or {@code dedup} turns that step off (null here); {@code normalize} always runs, with its defaults when
 * left out.
 */
public record Recipe(
    String name,
    long seed,
    InputSettings input,
    Normalizer.Settings normalize,
    LanguageSettings language,
    List<RuleSet> quality,
    DedupSettings dedup,
    AugmentSettings augment,
    CurriculumSettings curriculum,
    QualityModelSettings qualityModel,
    OutputSettings output,
    PiiConfig pii,
    String partition,
    String ledger,
    Map<String, Object> resolved,
    DecontamSettings decontaminate)
    implements Serializable {

  public static final List<String> KEYS =
      List.of(
          "name",
          "seed",
          "input",
          "normalize",
          "language",
          "quality",
          "dedup",
          "augment",
          "curriculum",
          "quality_model",
          "decontaminate",
          "output",
          "ledger",
          "card",
          "pii");

  /** Validates every section; throws {@link Config.ConfigException} naming the field on the first problem. */
  public static Recipe from(Map<String, Object> map) {
    Config c = Config.of("recipe", map);
    for (String key : map.keySet()) {
      if (!KEYS.contains(key)) {
        throw new Config.ConfigException(
            key, key, "a top-level key from " + KEYS + DidYouMean.hint(key, KEYS));
      }
    }
    String name = c.getString("name", null);
    if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
      throw new Config.ConfigException("name", name, "a name of letters, digits, '.', '_' or '-'");
    }
    String partition = null;
    Map<String, Object> in = c.getSection("input");
    if (in != null && in.get("partition") != null) {
      partition = String.valueOf(in.get("partition"));
      if (!partition.matches("[A-Za-z0-9._=-]+")) {
        throw new Config.ConfigException(
            "input.partition", partition, "letters, digits, '.', '_', '=' or '-'");
      }
    }
    Config card =
        c.child("card")
            .allowOnly("pretty_name", "license", "license_name", "license_link", "description");
    for (String k : List.of("pretty_name", "license_name", "license_link", "description")) {
      card.getString(k, null);
    }
    if (card.has("license")) {
      card.getChoice("license", null, DatasetCard.LICENSES.toArray(String[]::new));
      if (card.getString("license", "").equals("other") && !card.has("license_name")) {
        throw new Config.ConfigException(
            "card.license_name", null, "a name for the licence (card.license is 'other')");
      }
    }
    String ledger = c.getString("ledger", null);
    if (ledger != null && partition == null) {
      throw new Config.ConfigException(
          "ledger", ledger, "a ledger only with input.partition set (the ledger is by partition)");
    }
    List<RuleSet> quality = RuleSets.fromSection(c.getSection("quality"));
    CurriculumSettings curriculum =
        c.has("curriculum") ? CurriculumSettings.from(c.getSection("curriculum")) : null;
    if (curriculum != null && curriculum.components().contains("quality") && quality.isEmpty()) {
      throw new Config.ConfigException(
          "curriculum.difficulty",
          "quality",
          "the quality component only with quality rules (quality.rules) in the recipe");
    }
    return new Recipe(
        name,
        c.getLong("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE),
        InputSettings.from(c.getSection("input")),
        Normalizer.Settings.from(c.getSection("normalize")),
        c.has("language") ? LanguageSettings.from(c.getSection("language")) : null,
        quality,
        c.has("dedup") ? DedupSettings.from(c.getSection("dedup")) : null,
        c.has("augment") ? AugmentSettings.from(c.getSection("augment")) : null,
        curriculum,
        c.has("quality_model") ? QualityModelSettings.from(c.getSection("quality_model")) : null,
        OutputSettings.from(c.getSection("output"), name),
        PiiSettings.fromValue(map.get("pii")),
        partition,
        ledger,
        map,
        c.has("decontaminate") ? DecontamSettings.from(c.getSection("decontaminate")) : null);
  }
}
