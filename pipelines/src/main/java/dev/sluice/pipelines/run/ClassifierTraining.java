package dev.sluice.pipelines.run;

import dev.sluice.core.config.Config;
import dev.sluice.core.config.RecipeFile;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.quality.model.CalibrationQuality;
import dev.sluice.quality.model.ClassifierDirectory;
import dev.sluice.quality.model.ClassifierSpec;
import dev.sluice.quality.model.ClassifierTrainer;
import dev.sluice.quality.model.LabelledFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a quality classifier from its .yaml recipe ({@link ClassifierSpec}): expands each source's globs, hashes
 * every file, reads the labelled documents, trains, and describes the result for model.json (the classes, the
 * recipe, each training file's SHA-256 and document count, the held-out metrics). Shared by {@code sluice
 * quality-model train} and by a run whose {@code quality_model.classifier} names a .yaml.
 */
public final class ClassifierTraining {
  private ClassifierTraining() {}

  /** A trained classifier, what model.json says of it, and the training's wall time (not in model.json). */
  public record Trained(
      ClassifierSpec spec,
      ClassifierTrainer.Result result,
      Map<String, Object> description,
      double seconds) {
    /** Writes {@code parent/<name>-<hash>/}; returns it. */
    public Path write(Path parent) throws IOException {
      return ClassifierDirectory.write(parent, spec.name(), result.classifier(), description);
    }

    public String version() {
      return ClassifierDirectory.version(spec.name(), result.classifier().weightsFile());
    }
  }

  public static boolean isSpec(String path) {
    return path.endsWith(".yaml") || path.endsWith(".yml");
  }

  /** The recipe parsed and every source matching files; nothing is read or trained (for {@code run --check}). */
  public static void check(Path specFile, String what) {
    ClassifierSpec spec = ClassifierSpec.from(RecipeFile.read(what, specFile));
    files(spec.positives(), "positives");
    files(spec.negatives(), "negatives");
  }

  public static Trained train(Path specFile, String what) throws IOException {
    long t0 = System.nanoTime();
    Map<String, Object> recipe = RecipeFile.read(what, specFile);
    ClassifierSpec spec = ClassifierSpec.from(recipe);
    List<Map<String, Object>> fileRows = new ArrayList<>();
    List<LabelledFiles.Document> docs = new ArrayList<>();
    read(spec.positives(), true, "positives", docs, fileRows);
    read(spec.negatives(), false, "negatives", docs, fileRows);
    ClassifierTrainer.Result r;
    try {
      r = ClassifierTrainer.train(spec, docs);
    } catch (IllegalArgumentException e) {
      throw new Config.ConfigException(
          what, specFile.toString(), "enough labelled text (" + e.getMessage() + ")");
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", spec.name());
    d.put(
        "classes",
        Map.of(
            "positive", "label 1 (score near 1): documents of the recipe's positives",
            "negative", "label 0 (score near 0): documents of the recipe's negatives"));
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("recipe", RecipeFile.sortDeep(recipe));
    training.put("recipe_sha256", RecipeFile.sha256(RecipeFile.canonicalJson(recipe)));
    training.put("files", fileRows);
    training.put(
        "solver",
        "liblinear 2.44 L2R_LR (primal trust-region Newton), eps 0.001, classes weighted to balance, bias unregularised");
    training.put(
        "html",
        "format: html sources are the pages' main text from dev.sluice.quality.html.MainText, as in a run");
    training.put(
        "calibration",
        spec.calibration() > 0
            ? "Platt scaling with Platt's smoothed targets, fitted by Newton's method on the calibration"
                + " documents' whole-text log-odds"
            : "none (calibration: 0): the score is sigmoid(z)");
    d.put("training", training);
    d.put("metrics", metrics(r.metrics()));
    return new Trained(spec, r, d, (System.nanoTime() - t0) / 1e9);
  }

  private static Map<String, Object> metrics(ClassifierTrainer.Metrics m) {
    Map<String, Object> held = new LinkedHashMap<>();
    held.put("auc", m.heldOutAuc());
    held.put("auc_ci", List.of(m.heldOutAucCi().lo(), m.heldOutAucCi().hi()));
    held.put("auc_ci_level", m.heldOutAucCi().level());
    held.put(
        "auc_ci_method",
        "percentile bootstrap over held-out documents, "
            + m.heldOutAucCi().resamples()
            + " resamples");
    held.put("accuracy_at_0.5", m.heldOutAccuracy());
    held.put("document_auc", m.heldOutDocumentAuc());
    held.put(
        "document_auc_ci", List.of(m.heldOutDocumentAucCi().lo(), m.heldOutDocumentAucCi().hi()));
    held.put(
        "document_auc_method",
        "each held-out document scored whole, as a run scores it; percentile bootstrap over documents, "
            + m.heldOutDocumentAucCi().resamples()
            + " resamples");
    if (m.calibrationQuality() != null) held.put("calibration", quality(m.calibrationQuality()));
    held.put(
        "passages",
        Map.of("positive", m.heldOutPassagesPositive(), "negative", m.heldOutPassagesNegative()));
    held.put(
        "documents",
        Map.of("positive", m.heldOutDocumentsPositive(), "negative", m.heldOutDocumentsNegative()));
    Map<String, Object> train = new LinkedHashMap<>();
    train.put("auc", m.trainAuc());
    train.put(
        "passages",
        Map.of("positive", m.trainPassagesPositive(), "negative", m.trainPassagesNegative()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("held_out", held);
    out.put("train", train);
    out.put("documents_without_passage", m.documentsWithoutPassage());
    out.put(
        "calibration",
        Map.of(
            "documents",
            Map.of(
                "positive", m.calibrationDocumentsPositive(),
                "negative", m.calibrationDocumentsNegative())));
    return out;
  }

  /** Brier score and ECE of the held-out documents before ({@code _raw}) and after calibration. */
  private static Map<String, Object> quality(CalibrationQuality.Report q) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "brier_raw", q.brierRaw());
    put(out, "brier", q.brier());
    put(out, "brier_change", q.brierChange());
    put(out, "ece_raw", q.eceRaw());
    put(out, "ece", q.ece());
    put(out, "ece_change", q.eceChange());
    out.put("ece_bins", CalibrationQuality.BINS);
    out.put("documents", q.documents());
    out.put("ci_level", q.level());
    out.put(
        "ci_method",
        "percentile bootstrap over held-out documents, "
            + q.resamples()
            + " resamples; a change is after - before on the same resample");
    return out;
  }

  private static void put(Map<String, Object> m, String key, CalibrationQuality.Estimate e) {
    m.put(key, e.value());
    m.put(key + "_ci", List.of(e.lo(), e.hi()));
  }

  private static List<List<Path>> files(List<ClassifierSpec.Source> sources, String key) {
    List<List<Path>> out = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      String path = sources.get(i).path();
      try {
        out.add(InputFiles.expand(List.of(path)).stream().map(Path::of).toList());
      } catch (Config.ConfigException e) {
        throw new Config.ConfigException(
            key + "[" + i + "].path", path, "files or a glob that match at least one file");
      }
    }
    return out;
  }

  private static void read(
      List<ClassifierSpec.Source> sources,
      boolean positive,
      String key,
      List<LabelledFiles.Document> docs,
      List<Map<String, Object>> rows)
      throws IOException {
    List<List<Path>> files = files(sources, key);
    for (int i = 0; i < sources.size(); i++) {
      for (Path f : files.get(i)) {
        LabelledFiles.Read read;
        try {
          read = LabelledFiles.read(sources.get(i), List.of(f), positive);
        } catch (IllegalArgumentException e) {
          throw new Config.ConfigException(
              key + "[" + i + "]", f.toString(), "readable JSONL (" + e.getMessage() + ")");
        }
        docs.addAll(read.documents());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", f.toString());
        row.put("class", positive ? "positive" : "negative");
        row.put("format", sources.get(i).html() ? "html" : "text");
        row.put("field", sources.get(i).field());
        row.put("sha256", sha256(f));
        row.put("documents", read.documents().size());
        if (!read.rejected().isEmpty()) row.put("html_rejected", read.rejected());
        rows.add(row);
      }
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
