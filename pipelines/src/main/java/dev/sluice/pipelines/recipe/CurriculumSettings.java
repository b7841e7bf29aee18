package dev.sluice.pipelines.recipe;

import dev.sluice.augment.difficulty.Difficulty;
import dev.sluice.augment.difficulty.DifficultyModel;
import dev.sluice.core.config.Config;
import dev.sluice.core.config.DidYouMean;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * {@code curriculum}: the difficulty components to measure ({@code difficulty: [length, perplexity]}, from
 * Difficulty.COMPONENTS), and for rarity and perplexity the reference model: {@code model} (a file saved by
 * {@code sluice difficulty-model}) or {@code reference} (files or globs of JSONL/text to train one from at recipe
 * time, with {@code ngram_order}; {@code input}, the default, for the run's own input files). Null in the recipe when the step is off.
 */
public record CurriculumSettings(
    List<String> components, String model, List<String> reference, int ngramOrder)
    implements Serializable {

  /** {@code reference: input}: train the reference model on the run's own input files. */
  public static final String INPUT = "input";

  public CurriculumSettings {
    components = List.copyOf(components);
    reference = List.copyOf(reference);
  }

  public static CurriculumSettings from(Map<String, Object> section) {
    Config c =
        Config.of("curriculum", section)
            .allowOnly("difficulty", "model", "reference", "ngram_order");
    List<String> components = c.getStringList("difficulty", List.of("length"));
    if (components.isEmpty()) {
      throw new Config.ConfigException(
          "curriculum.difficulty", "[]", "one or more of " + Difficulty.COMPONENTS);
    }
    for (String k : components) {
      if (!Difficulty.COMPONENTS.contains(k)) {
        throw new Config.ConfigException(
            "curriculum.difficulty",
            k,
            "components from " + Difficulty.COMPONENTS + DidYouMean.hint(k, Difficulty.COMPONENTS));
      }
    }
    if (components.size() != components.stream().distinct().count()) {
      throw new Config.ConfigException("curriculum.difficulty", components, "each component once");
    }
    String model = c.getString("model", null);
    List<String> reference = c.getStringList("reference", List.of());
    int order = c.getInt("ngram_order", DifficultyModel.DEFAULT_ORDER, 2, 8);
    boolean needsModel = components.stream().anyMatch(Difficulty::needsModel);
    if (needsModel && model == null && reference.isEmpty()) {
      reference = List.of(INPUT); // the run's own input: no evaluation text informs the order
    }
    if (model != null && !reference.isEmpty()) {
      throw new Config.ConfigException(
          "curriculum.model", model, "either a model or a reference corpus, not both");
    }
    return new CurriculumSettings(components, model, reference, order);
  }

  public boolean needsModel() {
    return components.stream().anyMatch(Difficulty::needsModel);
  }
}
