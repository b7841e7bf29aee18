package dev.sluice.pipelines.recipe;

import dev.sluice.augment.difficulty.DifficultyModel;
import dev.sluice.core.config.Config;
import dev.sluice.core.config.DidYouMean;
import dev.sluice.quality.model.PerplexityBuckets;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * {@code quality_model}: model-based quality. {@code classifier} names a model directory written by {@code sluice
 * quality-model train}, or a classifier .yaml to train one from when the run starts; {@code keep} is {@code
 * {top_fraction: F}} (the run's top share by classifier score, a threshold computed over all documents) or {@code
 * {min_score: S}}, or absent (score only). {@code perplexity} scores each document under a character n-gram
 * Kneser-Ney model ({@code model}: a file from {@code sluice difficulty-model}, the curriculum's format; or {@code
 * reference}: files to train one from, {@code input} for the run's own files, the default) and puts it in a
 * CCNet bucket: head up to the {@code buckets[0]} percentile of the run's perplexities, middle up to {@code
 * buckets[1]}, tail above; {@code keep: [head, middle]} removes the other buckets. At least one of classifier
 * and perplexity. Null in the recipe when the section is left out.
 */
public record QualityModelSettings(
    String classifier,
    double topFraction,
    double minScore,
    boolean perplexity,
    String perplexityModel,
    List<String> perplexityReference,
    int ngramOrder,
    double headPercentile,
    double middlePercentile,
    List<String> keepBuckets)
    implements Serializable {

  /** {@code reference: input}: train the perplexity model on the run's own input files. */
  public static final String INPUT = "input";

  public QualityModelSettings {
    perplexityReference = List.copyOf(perplexityReference);
    keepBuckets = List.copyOf(keepBuckets);
  }

  public static QualityModelSettings from(Map<String, Object> section) {
    Config c = Config.of("quality_model", section).allowOnly("classifier", "keep", "perplexity");
    String classifier = c.getString("classifier", null);
    double top = Double.NaN;
    double min = Double.NaN;
    if (c.has("keep")) {
      if (classifier == null) {
        throw new Config.ConfigException(
            "quality_model.keep", c.getSection("keep"), "a keep rule only with a classifier");
      }
      Config k = c.child("keep").allowOnly("top_fraction", "min_score");
      if (k.has("top_fraction") == k.has("min_score")) {
        throw new Config.ConfigException(
            "quality_model.keep",
            c.getSection("keep"),
            "exactly one of top_fraction and min_score");
      }
      if (k.has("top_fraction")) {
        top = k.getDouble("top_fraction", 1);
        if (!(top > 0 && top <= 1)) {
          throw new Config.ConfigException(
              "quality_model.keep.top_fraction", top, "a fraction in (0, 1]");
        }
      } else {
        min = k.getFraction("min_score", 0);
      }
    }
    boolean perplexity = c.has("perplexity");
    Config p =
        c.child("perplexity").allowOnly("model", "reference", "ngram_order", "buckets", "keep");
    String model = p.getString("model", null);
    List<String> reference = p.getStringList("reference", List.of());
    if (model != null && !reference.isEmpty()) {
      throw new Config.ConfigException(
          "quality_model.perplexity.model",
          model,
          "either a model or a reference corpus, not both");
    }
    if (perplexity && model == null && reference.isEmpty()) reference = List.of(INPUT);
    int order = p.getInt("ngram_order", DifficultyModel.DEFAULT_ORDER, 2, 8);
    List<String> cuts = p.getStringList("buckets", List.of("0.3", "0.6"));
    double head;
    double middle;
    try {
      if (cuts.size() != 2) throw new NumberFormatException();
      head = Double.parseDouble(cuts.get(0));
      middle = Double.parseDouble(cuts.get(1));
    } catch (NumberFormatException e) {
      throw new Config.ConfigException(
          "quality_model.perplexity.buckets",
          cuts,
          "two percentiles [head, middle], 0 < head < middle < 1");
    }
    if (!(head > 0 && head < middle && middle < 1)) {
      throw new Config.ConfigException(
          "quality_model.perplexity.buckets",
          cuts,
          "two percentiles [head, middle], 0 < head < middle < 1");
    }
    List<String> keep = p.getStringList("keep", PerplexityBuckets.NAMES);
    for (String b : keep) {
      if (!PerplexityBuckets.NAMES.contains(b)) {
        throw new Config.ConfigException(
            "quality_model.perplexity.keep",
            b,
            "buckets from "
                + PerplexityBuckets.NAMES
                + DidYouMean.hint(b, PerplexityBuckets.NAMES));
      }
    }
    if (keep.isEmpty()) {
      throw new Config.ConfigException(
          "quality_model.perplexity.keep", "[]", "one or more of " + PerplexityBuckets.NAMES);
    }
    if (classifier == null && !perplexity) {
      throw new Config.ConfigException(
          "quality_model", section, "a classifier, a perplexity section, or both");
    }
    return new QualityModelSettings(
        classifier, top, min, perplexity, model, reference, order, head, middle, keep);
  }

  /** Whether a step needs the whole run's scores: a top fraction, or perplexity buckets. */
  public boolean needsRanking() {
    return !Double.isNaN(topFraction) || perplexity;
  }

  /** Whether perplexity buckets remove anything. */
  public boolean keepsSomeBuckets() {
    return perplexity && keepBuckets.size() < PerplexityBuckets.NAMES.size();
  }
}
