package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTrainerTest {
  private static ClassifierSpec sampleSpec() {
    return SampleData.spec();
  }

  @Test
  void separatesEditedProseFromRawPagesOnHeldOutDocuments() throws Exception {
    ClassifierSpec spec = sampleSpec();
    List<LabelledFiles.Document> docs = SampleData.documents();
    ClassifierTrainer.Result r = ClassifierTrainer.train(spec, docs);
    ClassifierTrainer.Metrics m = r.metrics();
    System.out.println(m);
    assertTrue(m.heldOutDocumentsPositive() > 10 && m.heldOutDocumentsNegative() > 5, m.toString());
    assertTrue(m.heldOutAuc() > 0.9, "held-out AUC " + m.heldOutAuc());
    assertTrue(m.heldOutAucCi().lo() <= m.heldOutAuc() && m.heldOutAuc() <= m.heldOutAucCi().hi());
    assertTrue(m.heldOutAccuracy() > 0.85, "accuracy " + m.heldOutAccuracy());
    // a nav-bar line scores below a paragraph of prose
    double nav =
        r.classifier()
            .score(
                "Modules | Directives | FAQ | Glossary | Sitemap\nApache HTTP Server Version 2.4\n> Apache > HTTP Server > Documentation > Version 2.4");
    double prose =
        r.classifier()
            .score(
                "It was a bright cold day in April, and the clocks were striking thirteen. He had"
                    + " walked a long way that morning, and the wind had followed him down every street.");
    assertTrue(nav < prose, nav + " vs " + prose);
  }

  @Test
  void theSameDataAndRecipeGiveTheSameWeightsByteForByte() throws Exception {
    ClassifierSpec spec = sampleSpec();
    List<LabelledFiles.Document> docs = SampleData.documents();
    byte[] a = ClassifierTrainer.train(spec, docs).classifier().weightsFile();
    byte[] b = ClassifierTrainer.train(spec, docs).classifier().weightsFile();
    assertArrayEquals(a, b);
  }

  @Test
  void holdOutIsByDocumentHashAndSeed() {
    assertEquals(
        ClassifierTrainer.heldOut("some text", 1, 0.2),
        ClassifierTrainer.heldOut("some text", 1, 0.2));
    int held = 0;
    for (int i = 0; i < 10_000; i++) if (ClassifierTrainer.heldOut("doc " + i, 7, 0.2)) held++;
    assertTrue(held > 1800 && held < 2200, "held out " + held + " of 10000");
  }
}
