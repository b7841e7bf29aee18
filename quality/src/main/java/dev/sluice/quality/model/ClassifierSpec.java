package dev.sluice.quality.model;

import dev.sluice.core.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A quality classifier's training recipe ({@code sluice quality-model train FILE.yaml}): where the labelled text
 * is, the features, passages, hold-out, calibration and regularisation. Defaults live in {@link #from}; every bad
 * value is a {@link Config.ConfigException} naming the key. The whole resolved spec is saved in the model's
 * model.json.
 *
 * <pre>
 * name: quality-en                      # the model directory is OUTPUT/&lt;name&gt;-&lt;12 hex of its weights' SHA-256&gt;
 * output: out/models
 * positives: [{path: "samples/text/en/moby-dick.jsonl"}]               # edited prose
 * negatives: [{path: "samples/html/npm-docs.jsonl.gz", format: html}]  # pages: their main text
 * features: {bits: 18, word_ngrams: 2, char_ngrams: [3, 4]}
 * passages: {max_chars: 3000, min_chars: 200}
 * holdout: 0.2        # share of documents (by a hash of their record) kept out of training, for the metrics
 * calibration: 0.2    # share of documents kept out of training to fit the Platt calibration (0: none)
 * c: 1.0              # inverse L2 regularisation strength of the logistic regression
 * bootstrap: 1000     # resamples of held-out documents for the AUC's 95% interval
 * seed: 1
 * </pre>
 */
public record ClassifierSpec(
    String name,
    String output,
    List<Source> positives,
    List<Source> negatives,
    HashedFeatures features,
    int maxChars,
    int minChars,
    double holdout,
    double calibration,
    double c,
    int bootstrap,
    long seed) {

  /**
   * Files or globs of one class: JSONL(.gz) with the text in {@code field}, as text, or as HTML whose main text
   * {@link dev.sluice.quality.html.MainText} extracts (as a run's warc input does).
   */
  public record Source(String path, String field, boolean html) {}

  public ClassifierSpec {
    positives = List.copyOf(positives);
    negatives = List.copyOf(negatives);
  }

  public static ClassifierSpec from(Map<String, Object> map) {
    Config cfg =
        Config.of("", map)
            .allowOnly(
                "name",
                "output",
                "positives",
                "negatives",
                "features",
                "passages",
                "holdout",
                "calibration",
                "c",
                "bootstrap",
                "seed");
    String name = cfg.getString("name", null);
    if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
      throw new Config.ConfigException("name", name, "a name of letters, digits, '.', '_' or '-'");
    }
    Config f = cfg.child("features").allowOnly("bits", "word_ngrams", "char_ngrams");
    HashedFeatures d = HashedFeatures.defaults();
    List<String> chars =
        f.getStringList("char_ngrams", List.of("" + d.charMin(), "" + d.charMax()));
    int charMin;
    int charMax;
    try {
      if (chars.size() == 1 && chars.get(0).equals("0")) {
        charMin = 0;
        charMax = 0;
      } else if (chars.size() == 2) {
        charMin = Integer.parseInt(chars.get(0));
        charMax = Integer.parseInt(chars.get(1));
      } else {
        throw new NumberFormatException();
      }
      HashedFeatures features =
          new HashedFeatures(
              f.getInt("bits", d.bits(), 10, 24),
              f.getInt("word_ngrams", d.wordNgrams(), 0, 3),
              charMin,
              charMax);
      Config p = cfg.child("passages").allowOnly("max_chars", "min_chars");
      int max = p.getInt("max_chars", 3000, 100, 1_000_000);
      int min = p.getInt("min_chars", 200, 0, max);
      double holdout = cfg.getFraction("holdout", 0.2);
      if (holdout <= 0 || holdout >= 1) {
        throw new Config.ConfigException("holdout", holdout, "a fraction strictly between 0 and 1");
      }
      double calibration = cfg.getFraction("calibration", 0.2);
      if (holdout + calibration > 0.9) {
        throw new Config.ConfigException(
            "calibration",
            calibration,
            "a fraction >= 0 (0: no calibration) that leaves at least 10% of the documents for"
                + " training after the holdout ("
                + holdout
                + ")");
      }
      double c = cfg.getDouble("c", 1.0);
      if (!(c > 0) || Double.isInfinite(c))
        throw new Config.ConfigException("c", c, "a number > 0");
      return new ClassifierSpec(
          name,
          cfg.getString("output", "out/models"),
          sources(map.get("positives"), "positives"),
          sources(map.get("negatives"), "negatives"),
          features,
          max,
          min,
          holdout,
          calibration,
          c,
          cfg.getInt("bootstrap", 1000, 100, 100_000),
          cfg.getLong("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
    } catch (NumberFormatException e) {
      throw new Config.ConfigException(
          "features.char_ngrams",
          chars,
          "[min, max] within 1.." + HashedFeatures.MAX_CHAR_NGRAM + ", or 0 (off)");
    } catch (IllegalArgumentException e) {
      throw new Config.ConfigException("features", map.get("features"), e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Source> sources(Object v, String key) {
    if (!(v instanceof List<?> list) || list.isEmpty()) {
      throw new Config.ConfigException(key, v, "a list of {path, field, format} (one or more)");
    }
    List<Source> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = key + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new Config.ConfigException(at, list.get(i), "a mapping {path, field, format}");
      }
      Config s = Config.of(at, (Map<String, Object>) m).allowOnly("path", "field", "format");
      String path = s.getString("path", null);
      if (path == null || path.isBlank()) {
        throw new Config.ConfigException(at + ".path", path, "files or a glob of JSONL(.gz)");
      }
      boolean html = s.getChoice("format", "text", "text", "html").equals("html");
      out.add(new Source(path, s.getString("field", html ? "html" : "text"), html));
    }
    return out;
  }
}
