package dev.sluice.quality.model;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trains a {@link QualityClassifier}. Every document goes as a whole, by a seeded hash of the record it was read
 * from (identical records land together), to one of three sides: held out for the metrics ({@code holdout}), held
 * out to calibrate ({@code calibration}), or training. The training documents are cut into {@link Passages} and
 * liblinear fits an L2-regularised logistic regression on them (the primal trust-region Newton solver,
 * deterministic; classes weighted to balance, bias unregularised). The calibration documents, each scored whole as
 * a run scores it, fit the {@link Calibration}. The held-out documents give the metrics: per passage (AUC, its
 * document-bootstrap interval, accuracy at 0.5) and per document scored whole (AUC and interval; Brier score and
 * expected calibration error before and after calibration, {@link CalibrationQuality}).
 */
public final class ClassifierTrainer {
  private ClassifierTrainer() {}

  /** Where a document goes. */
  public enum Split {
    TRAIN,
    CALIBRATION,
    HELD_OUT
  }

  /** Held-out, calibration and training figures; passage counts by class, documents by class. */
  public record Metrics(
      double heldOutAuc,
      Auc.Interval heldOutAucCi,
      double heldOutAccuracy,
      double trainAuc,
      int trainPassagesPositive,
      int trainPassagesNegative,
      int heldOutPassagesPositive,
      int heldOutPassagesNegative,
      int heldOutDocumentsPositive,
      int heldOutDocumentsNegative,
      int documentsWithoutPassage,
      double heldOutDocumentAuc,
      Auc.Interval heldOutDocumentAucCi,
      int calibrationDocumentsPositive,
      int calibrationDocumentsNegative,
      CalibrationQuality.Report calibrationQuality) {}

  public record Result(QualityClassifier classifier, Metrics metrics) {}

  /** Documents of one side, scored whole. */
  private static final class Side {
    final List<String> text = new ArrayList<>();
    final List<Boolean> label = new ArrayList<>();

    void add(LabelledFiles.Document d) {
      text.add(d.text());
      label.add(d.positive());
    }

    int positives() {
      return (int) label.stream().filter(b -> b).count();
    }
  }

  public static Result train(ClassifierSpec spec, List<LabelledFiles.Document> docs) {
    HashedFeatures f = spec.features();
    List<String> trainText = new ArrayList<>();
    List<Boolean> trainLabel = new ArrayList<>();
    List<String> testText = new ArrayList<>();
    List<Boolean> testLabel = new ArrayList<>();
    List<Integer> testGroup = new ArrayList<>();
    Side heldOut = new Side();
    Side calibration = new Side();
    int empty = 0;
    for (LabelledFiles.Document d : docs) {
      List<String> passages = Passages.split(d.text(), spec.maxChars(), spec.minChars());
      if (passages.isEmpty()) {
        empty++;
        continue;
      }
      switch (split(d.raw(), spec.seed(), spec.holdout(), spec.calibration())) {
        case HELD_OUT -> {
          for (String p : passages) {
            testText.add(p);
            testLabel.add(d.positive());
            testGroup.add(heldOut.text.size());
          }
          heldOut.add(d);
        }
        case CALIBRATION -> calibration.add(d);
        case TRAIN -> {
          for (String p : passages) {
            trainText.add(p);
            trainLabel.add(d.positive());
          }
        }
      }
    }
    int pos = (int) trainLabel.stream().filter(b -> b).count();
    int neg = trainLabel.size() - pos;
    int testDocsPos = heldOut.positives();
    int testDocsNeg = heldOut.text.size() - testDocsPos;
    int calPos = calibration.positives();
    int calNeg = calibration.text.size() - calPos;
    boolean calibrate = spec.calibration() > 0;
    if (pos == 0
        || neg == 0
        || testDocsPos == 0
        || testDocsNeg == 0
        || (calibrate && (calPos == 0 || calNeg == 0))) {
      throw new IllegalArgumentException(
          String.format(
              "too little data: %d positive and %d negative training passages, %d positive and %d"
                  + " negative held-out documents, %d positive and %d negative calibration documents"
                  + " (each must be at least 1%s)",
              pos,
              neg,
              testDocsPos,
              testDocsNeg,
              calPos,
              calNeg,
              calibrate ? "" : "; calibration documents only with calibration > 0"));
    }
    QualityClassifier raw = fit(f, spec.c(), trainText, trainLabel, pos, neg);
    QualityClassifier classifier = raw;
    if (calibrate) {
      double[] z = new double[calibration.text.size()];
      for (int i = 0; i < z.length; i++) z[i] = raw.logit(calibration.text.get(i));
      classifier = raw.withCalibration(Calibration.platt(z, toArray(calibration.label)));
    }

    double[] testScores = scores(classifier, testText);
    boolean[] testPos = toArray(testLabel);
    int correct = 0;
    for (int i = 0; i < testScores.length; i++) if ((testScores[i] >= 0.5) == testPos[i]) correct++;
    int testPosPassages = (int) testLabel.stream().filter(b -> b).count();
    double[] docRaw = scores(raw, heldOut.text);
    double[] docScores = scores(classifier, heldOut.text);
    boolean[] docPos = toArray(heldOut.label);
    int[] ownGroup = new int[docScores.length];
    for (int i = 0; i < ownGroup.length; i++) ownGroup[i] = i;
    Metrics m =
        new Metrics(
            Auc.of(testScores, testPos),
            Auc.bootstrap(
                testScores,
                testPos,
                testGroup.stream().mapToInt(Integer::intValue).toArray(),
                spec.bootstrap(),
                0.95,
                spec.seed()),
            (double) correct / testScores.length,
            Auc.of(scores(classifier, trainText), toArray(trainLabel)),
            pos,
            neg,
            testPosPassages,
            testText.size() - testPosPassages,
            testDocsPos,
            testDocsNeg,
            empty,
            Auc.of(docScores, docPos),
            Auc.bootstrap(docScores, docPos, ownGroup, spec.bootstrap(), 0.95, spec.seed()),
            calPos,
            calNeg,
            calibrate
                ? CalibrationQuality.of(docRaw, docScores, docPos, spec.bootstrap(), spec.seed())
                : null);
    return new Result(classifier, m);
  }

  /** liblinear's fit of the training passages, uncalibrated. */
  private static QualityClassifier fit(
      HashedFeatures f, double c, List<String> text, List<Boolean> label, int pos, int neg) {
    Problem problem = new Problem();
    problem.l = text.size();
    problem.n = f.buckets() + 1; // + the bias feature
    problem.bias = 1;
    problem.x = new Feature[problem.l][];
    problem.y = new double[problem.l];
    for (int i = 0; i < problem.l; i++) {
      problem.x[i] = vector(f, text.get(i), problem.n);
      problem.y[i] = label.get(i) ? 1 : 0;
    }
    Parameter param = new Parameter(SolverType.L2R_LR, c, 0.001);
    param.setRegularizeBias(false);
    param.setWeights(
        new double[] {problem.l / (2.0 * pos), problem.l / (2.0 * neg)}, new int[] {1, 0});
    Linear.disableDebugOutput();
    Model model = Linear.train(problem, param);
    double[] w = model.getFeatureWeights();
    double sign = model.getLabels()[0] == 1 ? 1 : -1; // liblinear's weights favour its first label
    float[] weights = new float[f.buckets()];
    for (int i = 0; i < weights.length; i++) weights[i] = (float) (sign * w[i]);
    return new QualityClassifier(f, weights, (float) (sign * w[f.buckets()] * problem.bias));
  }

  /**
   * The side of a document: a seeded hash of its record, uniform in [0, 1): below {@code holdout} held out, then up
   * to {@code holdout + calibration} for calibration, the rest training. The held-out side is the same for every
   * calibration share.
   */
  public static Split split(String raw, long seed, double holdout, double calibration) {
    double u = uniform(raw, seed);
    return u < holdout
        ? Split.HELD_OUT
        : u < holdout + calibration ? Split.CALIBRATION : Split.TRAIN;
  }

  /** Whether a document is held out: a seeded hash of its text, uniform in [0, 1), below the fraction. */
  public static boolean heldOut(String text, long seed, double fraction) {
    return uniform(text, seed) < fraction;
  }

  private static double uniform(String text, long seed) {
    String sha = QualityClassifier.sha256(text.getBytes(StandardCharsets.UTF_8));
    long h = Long.parseUnsignedLong(sha.substring(0, 16), 16);
    return (HashedFeatures.mix(h ^ seed) >>> 11) * 0x1.0p-53;
  }

  private static double[] scores(QualityClassifier c, List<String> texts) {
    double[] s = new double[texts.size()];
    for (int i = 0; i < s.length; i++) s[i] = c.score(texts.get(i));
    return s;
  }

  private static boolean[] toArray(List<Boolean> l) {
    boolean[] b = new boolean[l.size()];
    for (int i = 0; i < b.length; i++) b[i] = l.get(i);
    return b;
  }

  /**
   * The liblinear row of a text: each bucket once (1-based, ascending) with its share of its family's n-grams
   * (word and character shares add where the families share a bucket), then the bias feature.
   */
  static Feature[] vector(HashedFeatures f, String text, int biasIndex) {
    Collect c = new Collect();
    f.scan(text, c);
    long[] keyed = new long[c.words.size() + c.chars.size()];
    int k = 0;
    for (int i = 0; i < c.words.size(); i++) keyed[k++] = ((long) c.words.get(i) << 1);
    for (int i = 0; i < c.chars.size(); i++) keyed[k++] = ((long) c.chars.get(i) << 1) | 1;
    Arrays.sort(keyed);
    List<Feature> row = new ArrayList<>();
    int i = 0;
    while (i < keyed.length) {
      int bucket = (int) (keyed[i] >>> 1);
      double v = 0;
      while (i < keyed.length && (int) (keyed[i] >>> 1) == bucket) {
        v += (keyed[i] & 1) == 0 ? 1.0 / c.words.size() : 1.0 / c.chars.size();
        i++;
      }
      row.add(new FeatureNode(bucket + 1, v));
    }
    row.add(new FeatureNode(biasIndex, 1));
    return row.toArray(new Feature[0]);
  }

  private static final class Collect implements HashedFeatures.Sink {
    final IntList words = new IntList();
    final IntList chars = new IntList();

    @Override
    public void word(int bucket) {
      words.add(bucket);
    }

    @Override
    public void chars(int bucket) {
      chars.add(bucket);
    }
  }

  private static final class IntList {
    int[] a = new int[256];
    int n;

    void add(int v) {
      if (n == a.length) a = Arrays.copyOf(a, n * 2);
      a[n++] = v;
    }

    int get(int i) {
      return a[i];
    }

    int size() {
      return n;
    }
  }
}
