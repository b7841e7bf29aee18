package dev.sluice.pipelines.cli;

import dev.sluice.pipelines.run.ClassifierTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice quality-model train CLASSIFIER.yaml [--output DIR]}: trains the quality classifier a recipe's
 * {@code quality_model.classifier} names, and saves it versioned: {@code DIR/<name>-<12 hex digits of the
 * SHA-256 of its weights>/} with weights.bin and model.json (training recipe, SHA-256 of every training file,
 * feature settings, held-out AUC with its bootstrap interval, accuracy, counts).
 */
@Command(
    name = "quality-model",
    mixinStandardHelpOptions = true,
    description = "Train and version model-based quality: the quality classifier.",
    subcommands = {QualityModelCommand.Train.class})
public final class QualityModelCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.err);
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description =
          "Train a quality classifier (logistic regression on hashed word and character n-grams) from a"
              + " classifier .yaml; prints the model directory and its held-out metrics.",
      footer = {
        "",
        "Examples:",
        "  bin/sluice quality-model train samples/quality/classifier.yaml",
        "  bin/sluice quality-model train my-classifier.yaml --output models/",
        "Then, in a curation recipe:",
        "  quality_model: {classifier: out/models/quality-en-<hash>, keep: {top_fraction: 0.5}}"
      })
  static final class Train implements Callable<Integer> {
    @Parameters(
        paramLabel = "CLASSIFIER.yaml",
        description = "the training recipe (docs/recipes.md)")
    Path spec;

    @Option(
        names = "--output",
        paramLabel = "DIR",
        description =
            "where the model directory goes (default: the recipe's output, else out/models)")
    Path output;

    @Option(names = "--verbose", description = "stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
      ClassifierTraining.Trained t = ClassifierTraining.train(spec, "CLASSIFIER.yaml");
      Path dir = t.write(output != null ? output : Path.of(t.spec().output()));
      @SuppressWarnings("unchecked")
      Map<String, Object> held =
          (Map<String, Object>)
              ((Map<String, Object>) t.description().get("metrics")).get("held_out");
      List<?> ci = (List<?>) held.get("auc_ci");
      List<?> docCi = (List<?>) held.get("document_auc_ci");
      System.out.printf(
          Locale.ROOT,
          "%s: held-out AUC %.4f (95%% CI %.4f-%.4f) on passages, %.4f (%.4f-%.4f) on whole documents;"
              + " accuracy %.4f; held-out passages %s, documents %s; trained in %.1f s%n",
          dir,
          (Double) held.get("auc"),
          (Double) ci.get(0),
          (Double) ci.get(1),
          (Double) held.get("document_auc"),
          (Double) docCi.get(0),
          (Double) docCi.get(1),
          (Double) held.get("accuracy_at_0.5"),
          held.get("passages"),
          held.get("documents"),
          t.seconds());
      Map<?, ?> q = (Map<?, ?>) held.get("calibration");
      if (q != null) {
        var c = t.result().classifier().calibration();
        System.out.printf(
            Locale.ROOT,
            "  calibration: Platt slope %.4f, intercept %.4f; held-out Brier %.4f -> %.4f, ECE %.4f -> %.4f"
                + " (model.json has the intervals)%n",
            c.slope(),
            c.intercept(),
            (Double) q.get("brier_raw"),
            (Double) q.get("brier"),
            (Double) q.get("ece_raw"),
            (Double) q.get("ece"));
      }
      return 0;
    }
  }
}
