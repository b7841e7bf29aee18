package dev.sluice.quality.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A saved, versioned quality classifier: a directory {@code <name>-<first 12 hex digits of the SHA-256 of
 * weights.bin>} holding {@code weights.bin} (the feature settings, bias, calibration and weights: the version
 * covers all of them) and {@code model.json} (the format, the version, the weights' SHA-256, the classes, the
 * feature settings, the calibration, the training recipe with the SHA-256 of every training file, and the held-out
 * metrics). The same recipe and files give the same directory byte for byte. Loading checks the weights against
 * the SHA-256 model.json names, and model.json's calibration against the one in the weights.
 */
public final class ClassifierDirectory {
  public static final String FORMAT = "sluice-quality-classifier/2";
  public static final String WEIGHTS = "weights.bin";
  public static final String MODEL_JSON = "model.json";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ClassifierDirectory() {}

  /** A loaded model: the classifier, its version (the directory's name) and its model.json. */
  public record Loaded(QualityClassifier classifier, String version, JsonNode modelJson) {}

  public static String version(String name, byte[] weightsFile) {
    return name + "-" + QualityClassifier.sha256(weightsFile).substring(0, 12);
  }

  /**
   * Writes {@code parent/<version>/} (through a temporary directory and a rename: a directory under its final name
   * is complete) and returns it; an existing directory of that version is replaced.
   */
  public static Path write(
      Path parent, String name, QualityClassifier c, Map<String, Object> description)
      throws IOException {
    byte[] weights = c.weightsFile();
    String version = version(name, weights);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("version", version);
    json.put("weights", WEIGHTS);
    json.put("weights_sha256", QualityClassifier.sha256(weights));
    json.put("features", features(c.features()));
    json.put(
        "score",
        "P(positive) = sigmoid(slope * z + intercept), z = bias + mean weight of the word n-grams + mean weight"
            + " of the character n-grams");
    json.put("calibration", calibration(c.calibration()));
    json.putAll(description);
    Files.createDirectories(parent);
    Path dir = parent.resolve(version);
    Path tmp = Files.createTempDirectory(parent, "." + version + ".");
    Files.write(tmp.resolve(WEIGHTS), weights);
    Files.writeString(tmp.resolve(MODEL_JSON), JSON.writeValueAsString(json) + "\n");
    if (Files.exists(dir)) deleteTree(dir);
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    return dir;
  }

  public static Map<String, Object> features(HashedFeatures f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bits", f.bits());
    m.put("buckets", f.buckets());
    m.put("word_ngrams", f.wordNgrams());
    m.put(
        "char_ngrams",
        f.charMax() == 0 ? java.util.List.of(0) : java.util.List.of(f.charMin(), f.charMax()));
    return m;
  }

  /** model.json's calibration: the method, slope and intercept (the same numbers as in weights.bin). */
  public static Map<String, Object> calibration(Calibration c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", c.equals(Calibration.identity()) ? "none" : "platt");
    m.put("slope", c.slope());
    m.put("intercept", c.intercept());
    return m;
  }

  /**
   * A directory that is not a model, of another format, whose weights do not match model.json, or whose
   * model.json states another calibration than its weights hold: {@link IllegalArgumentException} naming what is
   * wrong.
   */
  public static Loaded load(Path dir) throws IOException {
    Path json = dir.resolve(MODEL_JSON);
    Path weights = dir.resolve(WEIGHTS);
    if (!Files.isRegularFile(json) || !Files.isRegularFile(weights)) {
      throw new IllegalArgumentException(dir + " has no " + MODEL_JSON + " and " + WEIGHTS);
    }
    JsonNode m;
    try {
      m = JSON.readTree(json.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(json + " is not JSON: " + e.getMessage());
    }
    if (!FORMAT.equals(m.path("format").asText())) {
      throw new IllegalArgumentException(
          json
              + ": format '"
              + m.path("format").asText()
              + "', this Sluice reads "
              + FORMAT
              + " (train the model again with `sluice quality-model train`)");
    }
    byte[] w = Files.readAllBytes(weights);
    String sha = QualityClassifier.sha256(w);
    if (!sha.equals(m.path("weights_sha256").asText())) {
      throw new IllegalArgumentException(
          weights
              + " has SHA-256 "
              + sha
              + ", model.json says "
              + m.path("weights_sha256").asText());
    }
    QualityClassifier c = QualityClassifier.fromWeightsFile(w);
    JsonNode cal = m.path("calibration");
    if (cal.path("slope").asDouble(Double.NaN) != c.calibration().slope()
        || cal.path("intercept").asDouble(Double.NaN) != c.calibration().intercept()) {
      throw new IllegalArgumentException(
          json
              + ": calibration "
              + cal
              + ", but "
              + WEIGHTS
              + " holds slope "
              + c.calibration().slope()
              + " and intercept "
              + c.calibration().intercept());
    }
    String version = m.path("version").asText();
    String suffix = "-" + sha.substring(0, 12);
    if (!version.endsWith(suffix) || version.length() == suffix.length()) {
      throw new IllegalArgumentException(
          json
              + ": version '"
              + version
              + "', but a model's version is its name and the start of its weights' SHA-256 ('<name>"
              + suffix
              + "')");
    }
    JsonNode stated = m.path("features");
    JsonNode held = JSON.valueToTree(features(c.features()));
    if (!held.equals(stated)) {
      throw new IllegalArgumentException(
          json + ": features " + stated + ", but " + WEIGHTS + " holds " + held);
    }
    return new Loaded(c, version, m);
  }

  /** Copies a model directory's two files into {@code target} (created). */
  public static void copy(Path dir, Path target) throws IOException {
    Files.createDirectories(target);
    for (String f : new String[] {WEIGHTS, MODEL_JSON}) {
      Files.copy(dir.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
