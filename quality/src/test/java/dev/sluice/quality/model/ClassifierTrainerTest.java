package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClassifierTrainerTest {
  static ClassifierSpec spec;
  static List<LabelledFiles.Document> docs;
  static ClassifierTrainer.Result trained;

  @BeforeAll
  static void trainOnce() throws Exception {
    spec = SampleData.spec();
    docs = SampleData.documents();
    trained = ClassifierTrainer.train(spec, docs);
    System.out.println(trained.metrics());
  }

  @Test
  void separatesEditedProseFromDocumentationPagesOnHeldOutDocuments() {
    ClassifierTrainer.Metrics m = trained.metrics();
    assertTrue(
        m.heldOutDocumentsPositive() > 30 && m.heldOutDocumentsNegative() > 30, m.toString());
    assertTrue(m.heldOutAuc() > 0.9, "held-out AUC " + m.heldOutAuc());
    assertTrue(m.heldOutAucCi().lo() <= m.heldOutAuc() && m.heldOutAuc() <= m.heldOutAucCi().hi());
    assertTrue(m.heldOutDocumentAuc() > 0.9, "held-out document AUC " + m.heldOutDocumentAuc());
    assertTrue(m.heldOutDocumentAucCi().lo() <= m.heldOutDocumentAuc());
    assertTrue(m.heldOutAccuracy() > 0.8, "accuracy " + m.heldOutAccuracy());
    assertTrue(m.calibrationDocumentsPositive() > 30 && m.calibrationDocumentsNegative() > 30);
    // a navigation bar scores below a paragraph of prose
    QualityClassifier c = trained.classifier();
    double nav =
        c.score(
            "Modules | Directives | FAQ | Glossary | Sitemap\nApache HTTP Server Version 2.4\n> Apache > HTTP Server > Documentation > Version 2.4");
    double prose =
        c.score(
            "It was a bright cold day in April, and the clocks were striking thirteen. He had"
                + " walked a long way that morning, and the wind had followed him down every street.");
    assertTrue(nav < prose, nav + " vs " + prose);
  }

  @Test
  void calibrationSpreadsTheScoresAndImprovesHeldOutBrierAndEce() {
    QualityClassifier c = trained.classifier();
    assertTrue(c.calibration().slope() > 2, "the raw log-odds are compressed: " + c.calibration());
    CalibrationQuality.Report q = trained.metrics().calibrationQuality();
    assertTrue(q.brierChange().hi() < 0, "Brier improves on every resample's 95%: " + q);
    assertTrue(q.eceChange().hi() < 0, "ECE improves: " + q);
    assertTrue(q.ece().value() < 0.15, q.toString());
    // the held-out documents' calibrated scores use the whole range, the raw ones crowd the middle
    double lo = 1;
    double hi = 0;
    double rawLo = 1;
    double rawHi = 0;
    for (LabelledFiles.Document d : heldOut()) {
      double s = c.score(d.text());
      double r = 1 / (1 + Math.exp(-c.logit(d.text())));
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
      rawLo = Math.min(rawLo, r);
      rawHi = Math.max(rawHi, r);
    }
    assertTrue(lo < 0.05 && hi > 0.95, lo + ".." + hi);
    assertTrue(hi - lo > 2 * (rawHi - rawLo), lo + ".." + hi + " vs raw " + rawLo + ".." + rawHi);
  }

  /**
   * Scoring a whole document is scoring its passages and averaging their log-odds by length: the features are
   * means, so the whole text's log-odds are its passages' weighted by their n-gram counts, up to the n-grams that
   * span a cut and the short rests training drops. Checked on every held-out document longer than one passage.
   */
  @Test
  void aWholeDocumentsLogOddsAreItsPassagesLengthWeightedMean() {
    QualityClassifier c = trained.classifier();
    int long_ = 0;
    double worst = 0;
    for (LabelledFiles.Document d : heldOut()) {
      List<String> passages = Passages.split(d.text(), spec.maxChars(), 0);
      if (passages.size() < 2) continue;
      long_++;
      double sum = 0;
      double length = 0;
      for (String p : passages) {
        sum += p.length() * c.logit(p);
        length += p.length();
      }
      double whole = c.logit(d.text());
      worst = Math.max(worst, Math.abs(whole - sum / length));
    }
    assertTrue(long_ > 50, long_ + " documents of several passages");
    // against the spread of the held-out documents' log-odds (several units), a few hundredths
    assertTrue(worst < 0.05, "largest difference in log-odds " + worst);
    System.out.println(long_ + " documents, largest |whole - weighted mean| = " + worst);
  }

  private static List<LabelledFiles.Document> heldOut() {
    List<LabelledFiles.Document> out = new ArrayList<>();
    for (LabelledFiles.Document d : docs) {
      if (ClassifierTrainer.split(d.raw(), spec.seed(), spec.holdout(), spec.calibration())
              == ClassifierTrainer.Split.HELD_OUT
          && !Passages.split(d.text(), spec.maxChars(), spec.minChars()).isEmpty()) {
        out.add(d);
      }
    }
    return out;
  }

  @Test
  void theSameDataAndRecipeGiveTheSameWeightsAndCalibrationByteForByte() {
    List<LabelledFiles.Document> some = new ArrayList<>();
    for (int i = 0; i < docs.size(); i += 2) some.add(docs.get(i));
    byte[] a = ClassifierTrainer.train(spec, some).classifier().weightsFile();
    byte[] b = ClassifierTrainer.train(spec, some).classifier().weightsFile();
    assertArrayEquals(a, b);
  }

  @Test
  void documentsGoToOneSideByTheHashOfTheirRecordAndSeed() {
    assertEquals(
        ClassifierTrainer.heldOut("some text", 1, 0.2),
        ClassifierTrainer.heldOut("some text", 1, 0.2));
    int[] sides = new int[3];
    for (int i = 0; i < 10_000; i++) {
      String doc = "doc " + i;
      ClassifierTrainer.Split s = ClassifierTrainer.split(doc, 7, 0.2, 0.3);
      sides[s.ordinal()]++;
      // the held-out side does not depend on the calibration share
      assertEquals(ClassifierTrainer.heldOut(doc, 7, 0.2), s == ClassifierTrainer.Split.HELD_OUT);
      assertEquals(
          s == ClassifierTrainer.Split.HELD_OUT,
          ClassifierTrainer.split(doc, 7, 0.2, 0) == ClassifierTrainer.Split.HELD_OUT);
    }
    assertTrue(sides[0] > 4800 && sides[0] < 5200, "train " + sides[0]);
    assertTrue(sides[1] > 2800 && sides[1] < 3200, "calibration " + sides[1]);
    assertTrue(sides[2] > 1800 && sides[2] < 2200, "held out " + sides[2]);
  }
}
