package dev.sluice.pipelines.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.augment.difficulty.DifficultyModel;
import dev.sluice.core.config.Config;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.QualityModelSettings;
import dev.sluice.pipelines.steps.RankQualityModel;
import dev.sluice.pipelines.steps.ScoreDifficulty;
import dev.sluice.pipelines.steps.ScoreQualityModel;
import dev.sluice.quality.model.ClassifierDirectory;
import dev.sluice.quality.model.PerplexityBuckets;
import dev.sluice.quality.model.QualityClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models of {@code quality_model}, settled before any work, the way the curriculum settles its reference
 * model: a classifier directory is loaded and checked (its weights against model.json's SHA-256), a classifier
 * .yaml is trained; the perplexity model is loaded from {@code perplexity.model} or trained from {@code
 * perplexity.reference}. Both are then written into the run, {@code OUT/quality-model/<classifier version>/} and
 * {@code OUT/quality-model/perplexity-model.bin}, so the run directory holds the exact models its scores came
 * from. A path that is not a model, or a reference that matches nothing, is a recipe error naming the key.
 */
public final class QualityModels {
  static final String DIR = "quality-model";
  static final String PERPLEXITY_FILE = "perplexity-model.bin";

  /** The work file the ranking step writes its cutoffs to (read into the manifest). */
  static final String CUTOFFS = "quality-model-cutoffs.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final QualityModelSettings settings;
  private final ClassifierDirectory.Loaded loaded;
  private final ClassifierTraining.Trained trained;
  private final DifficultyModel perplexity;

  private QualityModels(
      QualityModelSettings settings,
      ClassifierDirectory.Loaded loaded,
      ClassifierTraining.Trained trained,
      DifficultyModel perplexity) {
    this.settings = settings;
    this.loaded = loaded;
    this.trained = trained;
    this.perplexity = perplexity;
  }

  /** For {@code run --check}: models load, training recipes parse and match files; nothing is trained. */
  public static void check(QualityModelSettings s, String inputFormat) throws IOException {
    if (s == null) return;
    checkReference(s, inputFormat);
    if (s.classifier() != null) {
      if (ClassifierTraining.isSpec(s.classifier())) {
        ClassifierTraining.check(Path.of(s.classifier()), "quality_model.classifier");
      } else {
        load(s.classifier());
      }
    }
    if (s.perplexityModel() != null) loadPerplexity(s.perplexityModel());
    else if (s.perplexity()
        && !s.perplexityReference().equals(List.of(QualityModelSettings.INPUT))) {
      reference(s, List.of());
    }
  }

  static QualityModels settle(QualityModelSettings s, List<String> inputFiles, String inputFormat)
      throws IOException {
    if (s == null) return null;
    checkReference(s, inputFormat);
    ClassifierDirectory.Loaded loaded = null;
    ClassifierTraining.Trained trained = null;
    if (s.classifier() != null) {
      if (ClassifierTraining.isSpec(s.classifier())) {
        trained = ClassifierTraining.train(Path.of(s.classifier()), "quality_model.classifier");
      } else {
        loaded = load(s.classifier());
      }
    }
    DifficultyModel ppl = null;
    if (s.perplexityModel() != null) {
      ppl = loadPerplexity(s.perplexityModel());
    } else if (s.perplexity()) {
      try {
        ppl =
            DifficultyModel.trainFromFiles(
                reference(s, inputFiles).stream().map(Path::of).toList(), s.ngramOrder());
      } catch (IllegalArgumentException e) {
        throw new Config.ConfigException(
            "quality_model.perplexity.reference",
            s.perplexityReference(),
            "readable JSONL or text (" + e.getMessage() + ")");
      }
    }
    return new QualityModels(s, loaded, trained, ppl);
  }

  /** The reference model trains from JSONL or text files: the input can be its reference only when it is one. */
  private static void checkReference(QualityModelSettings s, String inputFormat) {
    boolean fromInput =
        s.perplexity()
            && s.perplexityModel() == null
            && s.perplexityReference().equals(List.of(QualityModelSettings.INPUT));
    if (fromInput && !inputFormat.equals("jsonl") && !inputFormat.equals("text")) {
      throw new Config.ConfigException(
          "quality_model.perplexity.reference",
          QualityModelSettings.INPUT,
          "reference files (JSONL or text) or a model: the input is "
              + inputFormat
              + ", which the reference model cannot be trained from");
    }
  }

  private static ClassifierDirectory.Loaded load(String dir) throws IOException {
    Path p = Path.of(dir).toAbsolutePath();
    if (!Files.isDirectory(p)) {
      throw new Config.ConfigException(
          "quality_model.classifier",
          dir,
          "a model directory (sluice quality-model train) or a classifier .yaml to train");
    }
    try {
      return ClassifierDirectory.load(p);
    } catch (IllegalArgumentException e) {
      throw new Config.ConfigException(
          "quality_model.classifier", dir, "a Sluice quality classifier (" + e.getMessage() + ")");
    }
  }

  private static DifficultyModel loadPerplexity(String file) throws IOException {
    Path p = Path.of(file).toAbsolutePath();
    if (!Files.isRegularFile(p)) {
      throw new Config.ConfigException(
          "quality_model.perplexity.model",
          file,
          "an existing model file (sluice difficulty-model)");
    }
    try {
      return DifficultyModel.load(p);
    } catch (IllegalArgumentException e) {
      throw new Config.ConfigException(
          "quality_model.perplexity.model",
          file,
          "a Sluice difficulty model (" + e.getMessage() + ")");
    }
  }

  private static List<String> reference(QualityModelSettings s, List<String> inputFiles) {
    if (s.perplexityReference().equals(List.of(QualityModelSettings.INPUT))) return inputFiles;
    try {
      return InputFiles.expand(s.perplexityReference());
    } catch (Config.ConfigException e) {
      throw new Config.ConfigException(
          "quality_model.perplexity.reference",
          s.perplexityReference(),
          "files or globs that match at least one file");
    }
  }

  /**
   * Writes the classifier into the run directory, where a previous run's other models are removed (the directory
   * holds exactly the models this run's scores came from); null without one.
   */
  ScoreQualityModel.Classifier placeClassifier(Path outDir) throws IOException {
    Path parent = outDir.toAbsolutePath().resolve(DIR);
    Path source =
        loaded == null ? null : Path.of(settings.classifier()).toAbsolutePath().normalize();
    Path target;
    String version;
    if (trained != null) {
      target = trained.write(parent);
      version = trained.version();
    } else if (loaded != null) {
      target = parent.resolve(loaded.version());
      ClassifierDirectory.copy(source, target);
      version = loaded.version();
    } else {
      target = null;
      version = null;
    }
    removeOthers(parent, target == null ? null : target.toAbsolutePath().normalize(), source);
    return target == null ? null : new ScoreQualityModel.Classifier(target.toString(), version);
  }

  /** Removes the classifier directories in {@code parent} but {@code keep} and the recipe's own {@code source}. */
  private static void removeOthers(Path parent, Path keep, Path source) throws IOException {
    if (!Files.isDirectory(parent)) return;
    try (var entries = Files.list(parent)) {
      for (Path p : entries.toList()) {
        Path abs = p.toAbsolutePath().normalize();
        if (!Files.isDirectory(p) || abs.equals(keep) || abs.equals(source)) continue;
        RunDirectory.deleteTree(p);
      }
    }
  }

  /** Removes a previous run's models from the run directory of a run that has none. */
  static void removeAll(Path outDir) throws IOException {
    RunDirectory.deleteTree(outDir.toAbsolutePath().resolve(DIR));
  }

  /** Writes the perplexity model into the run directory; null without one. */
  ScoreDifficulty.Reference placePerplexity(Path outDir) throws IOException {
    Path file = outDir.toAbsolutePath().resolve(DIR).resolve(PERPLEXITY_FILE);
    if (perplexity == null) {
      Files.deleteIfExists(file); // a previous run's
      return null;
    }
    Files.createDirectories(file.getParent());
    perplexity.save(file);
    return new ScoreDifficulty.Reference(file.toString(), perplexity.version());
  }

  /**
   * The manifest's {@code quality_model} section: columns, models (the classifier's weights SHA-256 and its
   * model.json {@code metrics}, held-out AUC and interval included), keep rules, the cutoffs the run used and, from
   * the {@code tally}, the documents put in each perplexity bucket.
   */
  Map<String, Object> manifest(Map<String, Object> cutoffs, Map<String, Long> tally) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (loaded != null || trained != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      String version = loaded != null ? loaded.version() : trained.version();
      c.put("version", version);
      c.put("dir", DIR + "/" + version);
      c.put(trained != null ? "trained_from" : "copied_from", settings.classifier());
      c.put("column", "quality_model_score");
      if (!Double.isNaN(settings.topFraction())) c.put("keep_top_fraction", settings.topFraction());
      if (!Double.isNaN(settings.minScore())) c.put("keep_min_score", settings.minScore());
      c.put(
          "weights_sha256",
          loaded != null
              ? loaded.modelJson().path("weights_sha256").asText()
              : QualityClassifier.sha256(trained.result().classifier().weightsFile()));
      Object metrics =
          loaded != null
              ? JSON.convertValue(loaded.modelJson().path("metrics"), Map.class)
              : trained.description().get("metrics");
      if (metrics != null) c.put("metrics", metrics);
      out.put("classifier", c);
    }
    if (perplexity != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("version", perplexity.version());
      p.put("file", DIR + "/" + PERPLEXITY_FILE);
      if (settings.perplexityModel() != null) p.put("copied_from", settings.perplexityModel());
      else p.put("reference", settings.perplexityReference());
      p.put("order", perplexity.order());
      p.put("training_docs", perplexity.trainingDocs());
      p.put("columns", List.of("perplexity", "perplexity_bucket"));
      p.put("bucket_percentiles", List.of(settings.headPercentile(), settings.middlePercentile()));
      p.put("keep_buckets", settings.keepBuckets());
      Map<String, Long> buckets = new LinkedHashMap<>();
      for (String b : PerplexityBuckets.NAMES)
        buckets.put(b, tally.getOrDefault(RankQualityModel.BUCKET_COUNT + b, 0L));
      p.put("bucket_documents", buckets);
      out.put("perplexity", p);
    }
    if (cutoffs != null && !cutoffs.isEmpty()) out.put("cutoffs", cutoffs);
    return out;
  }

  /** The cutoffs the ranking step wrote; empty when it did not run. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readCutoffs(Path file) throws IOException {
    if (!Files.exists(file)) return Map.of();
    return JSON.readValue(file.toFile(), LinkedHashMap.class);
  }

  double trainingSeconds() {
    return trained == null ? 0 : trained.seconds();
  }
}
