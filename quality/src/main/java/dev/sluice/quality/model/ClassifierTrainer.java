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
 * Trains a {@link QualityClassifier}: every document is cut into {@link Passages}; a document goes to the held-out
 * set or the training set as a whole, by a seeded hash of the record it was read from (so identical records land
 * together, the main text and the full text of one page too, and no passage of a held-out record is trained on); liblinear fits an L2-regularised logistic regression (the primal
 * trust-region Newton solver, deterministic; classes weighted to balance, bias unregularised) on the training
 * passages; the held-out passages give the AUC, its document-bootstrap interval and the accuracy at 0.5.
 */
public final class ClassifierTrainer {
  private ClassifierTrainer() {}

  /** Held-out (and training) figures; passage counts by class, documents by class. */
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
      int documentsWithoutPassage) {}

  public record Result(QualityClassifier classifier, Metrics metrics) {}

  public static Result train(ClassifierSpec spec, List<LabelledFiles.Document> docs) {
    HashedFeatures f = spec.features();
    List<String> trainText = new ArrayList<>();
    List<Boolean> trainLabel = new ArrayList<>();
    List<String> testText = new ArrayList<>();
    List<Boolean> testLabel = new ArrayList<>();
    List<Integer> testGroup = new ArrayList<>();
    int groups = 0;
    int empty = 0;
    int testDocsPos = 0;
    int testDocsNeg = 0;
    for (LabelledFiles.Document d : docs) {
      List<String> passages = Passages.split(d.text(), spec.maxChars(), spec.minChars());
      if (passages.isEmpty()) {
        empty++;
        continue;
      }
      if (heldOut(d.raw(), spec.seed(), spec.holdout())) {
        for (String p : passages) {
          testText.add(p);
          testLabel.add(d.positive());
          testGroup.add(groups);
        }
        groups++;
        if (d.positive()) testDocsPos++;
        else testDocsNeg++;
      } else {
        for (String p : passages) {
          trainText.add(p);
          trainLabel.add(d.positive());
        }
      }
    }
    int pos = (int) trainLabel.stream().filter(b -> b).count();
    int neg = trainLabel.size() - pos;
    if (pos == 0 || neg == 0 || testDocsPos == 0 || testDocsNeg == 0) {
      throw new IllegalArgumentException(
          String.format(
              "too little data: %d positive and %d negative training passages, %d positive and %d"
                  + " negative held-out documents (each must be at least 1)",
              pos, neg, testDocsPos, testDocsNeg));
    }
    Problem problem = new Problem();
    problem.l = trainText.size();
    problem.n = f.buckets() + 1; // + the bias feature
    problem.bias = 1;
    problem.x = new Feature[problem.l][];
    problem.y = new double[problem.l];
    for (int i = 0; i < problem.l; i++) {
      problem.x[i] = vector(f, trainText.get(i), problem.n);
      problem.y[i] = trainLabel.get(i) ? 1 : 0;
    }
    Parameter param = new Parameter(SolverType.L2R_LR, spec.c(), 0.001);
    param.setRegularizeBias(false);
    param.setWeights(
        new double[] {problem.l / (2.0 * pos), problem.l / (2.0 * neg)}, new int[] {1, 0});
    Linear.disableDebugOutput();
    Model model = Linear.train(problem, param);
    double[] w = model.getFeatureWeights();
    double sign = model.getLabels()[0] == 1 ? 1 : -1; // liblinear's weights favour its first label
    float[] weights = new float[f.buckets()];
    for (int i = 0; i < weights.length; i++) weights[i] = (float) (sign * w[i]);
    QualityClassifier classifier =
        new QualityClassifier(f, weights, (float) (sign * w[f.buckets()] * problem.bias));

    double[] testScores = scores(classifier, testText);
    boolean[] testPos = toArray(testLabel);
    int correct = 0;
    for (int i = 0; i < testScores.length; i++) if ((testScores[i] >= 0.5) == testPos[i]) correct++;
    int testPosPassages = (int) testLabel.stream().filter(b -> b).count();
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
            empty);
    return new Result(classifier, m);
  }

  /** Whether a document is held out: a seeded hash of its text, uniform in [0, 1), below the fraction. */
  public static boolean heldOut(String text, long seed, double fraction) {
    String sha = QualityClassifier.sha256(text.getBytes(StandardCharsets.UTF_8));
    long h = Long.parseUnsignedLong(sha.substring(0, 16), 16);
    double u = (HashedFeatures.mix(h ^ seed) >>> 11) * 0x1.0p-53;
    return u < fraction;
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
