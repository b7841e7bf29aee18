package dev.sluice.pipelines.steps;

import dev.sluice.augment.difficulty.DifficultyModel;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.quality.model.ClassifierDirectory;
import dev.sluice.quality.model.QualityClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code quality_model}, per document: the classifier's score ({@code quality_model_score}) and the perplexity
 * under the reference character n-gram model ({@code perplexity}, the curriculum's model format and code). With
 * {@code keep.min_score}, a document scoring below it is removed here ({@code quality_model.score}, with its
 * score). A top fraction and the perplexity buckets need every document's score first: {@link RankQualityModel}
 * does that after this step. With {@code observe}, both scores go into the report's signal histograms.
 */
public final class ScoreQualityModel implements DocStep {
  private static final long serialVersionUID = 1L;

  /** The removal reason (manifest: {@code filtered:quality_model.score}) and the report's signal names. */
  public static final String SCORE = dev.sluice.report.RunStats.QUALITY_MODEL_SCORE;

  public static final String PERPLEXITY = dev.sluice.report.RunStats.QUALITY_MODEL_PERPLEXITY;
  public static final String STAGE = "quality_model";

  /** A classifier's directory (absolute) and the version it must have when a worker loads it. */
  public record Classifier(String dir, String version) implements java.io.Serializable {}

  /** The run's settled models (either may be null) and the work file the ranking writes its cutoffs to. */
  public record Models(
      Classifier classifier, ScoreDifficulty.Reference perplexity, String cutoffsFile)
      implements java.io.Serializable {}

  private final Classifier classifier;
  private final ScoreDifficulty.Reference perplexityModel;
  private final double minScore;
  private final boolean observe;
  private transient QualityClassifier loadedClassifier;
  private transient DifficultyModel loadedPerplexity;

  /**
   * @param classifier null without one
   * @param perplexityModel null without perplexity
   * @param minScore NaN for no threshold here
   */
  public ScoreQualityModel(
      Classifier classifier,
      ScoreDifficulty.Reference perplexityModel,
      double minScore,
      boolean observe) {
    this.classifier = classifier;
    this.perplexityModel = perplexityModel;
    this.minScore = minScore;
    this.observe = observe;
  }

  @Override
  public String stage() {
    return STAGE;
  }

  @Override
  public void setup() {
    if (classifier != null) loadedClassifier = classifier(classifier);
    if (perplexityModel != null) loadedPerplexity = ScoreDifficulty.model(perplexityModel);
  }

  @Override
  public void warmUp() {
    if (classifier != null) classifier(classifier); // both cached per JVM, shared by every instance
    if (perplexityModel != null) ScoreDifficulty.model(perplexityModel);
  }

  @Override
  public Doc apply(Doc in, Out out) {
    Doc d = in;
    if (loadedClassifier != null) d = d.withQualityModelScore(loadedClassifier.score(d.text()));
    if (loadedPerplexity != null) d = d.withPerplexity(loadedPerplexity.perplexity(d.text()));
    if (observe) {
      if (loadedClassifier != null) {
        dev.sluice.report.RunStats.addTo(out.stats().signalsIn, SCORE, d.qualityModelScore());
      }
      if (loadedPerplexity != null) {
        dev.sluice.report.RunStats.addTo(out.stats().signalsIn, PERPLEXITY, d.perplexity());
      }
    }
    if (!Double.isNaN(minScore) && d.qualityModelScore() < minScore) {
      out.removed(RemovedDoc.of(d, STAGE, SCORE, null, d.qualityModelScore()));
      return null;
    }
    return d;
  }

  /** One classifier per directory, version and JVM: a Flink TaskManager runs many instances of the step. */
  private static final Map<Classifier, QualityClassifier> CLASSIFIERS = new ConcurrentHashMap<>();

  static QualityClassifier classifier(Classifier c) {
    return CLASSIFIERS.computeIfAbsent(
        c,
        k -> {
          ClassifierDirectory.Loaded loaded;
          try {
            loaded = ClassifierDirectory.load(Path.of(k.dir()));
          } catch (IOException e) {
            throw new UncheckedIOException("could not read the quality classifier " + k.dir(), e);
          }
          if (!loaded.version().equals(k.version())) {
            throw new IllegalStateException(
                k.dir()
                    + " is classifier "
                    + loaded.version()
                    + ", the run settled on "
                    + k.version());
          }
          return loaded.classifier();
        });
  }
}
