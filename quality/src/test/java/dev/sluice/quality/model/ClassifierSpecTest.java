package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.core.config.Config;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassifierSpecTest {
  static Map<String, Object> minimal() {
    Map<String, Object> m = new HashMap<>();
    m.put("name", "q");
    m.put("positives", List.of(Map.of("path", "good/*.jsonl")));
    m.put("negatives", List.of(Map.of("path", "pages.jsonl", "format", "html")));
    return m;
  }

  @Test
  void fillsTheDefaults() {
    ClassifierSpec s = ClassifierSpec.from(minimal());
    assertEquals(HashedFeatures.defaults(), s.features());
    assertEquals(3000, s.maxChars());
    assertEquals(200, s.minChars());
    assertEquals(0.2, s.holdout());
    assertEquals(0.2, s.calibration());
    assertEquals(1.0, s.c());
    assertEquals("out/models", s.output());
    assertEquals(new ClassifierSpec.Source("good/*.jsonl", "text", false), s.positives().get(0));
    assertEquals(new ClassifierSpec.Source("pages.jsonl", "html", true), s.negatives().get(0));
  }

  private static void assertField(String field, String key, Object value) {
    Map<String, Object> m = minimal();
    m.put(key, value);
    Config.ConfigException e =
        assertThrows(Config.ConfigException.class, () -> ClassifierSpec.from(m));
    assertEquals(field, e.field(), e.getMessage());
  }

  @Test
  void charNgramsZeroTurnsThemOffWrittenAsANumberOrAList() {
    for (Object off : List.of(0, List.of(0), "0")) {
      Map<String, Object> m = minimal();
      m.put("features", Map.of("char_ngrams", off));
      assertEquals(0, ClassifierSpec.from(m).features().charMax(), String.valueOf(off));
    }
  }

  @Test
  void calibrationZeroMeansNone() {
    Map<String, Object> m = minimal();
    m.put("calibration", 0);
    assertEquals(0.0, ClassifierSpec.from(m).calibration());
  }

  @Test
  void badValuesNameTheKey() {
    assertField("name", "name", "a b");
    assertField("positives", "positives", List.of());
    assertField("negatives[0].format", "negatives", List.of(Map.of("path", "x", "format", "pdf")));
    assertField("negatives[0].path", "negatives", List.of(Map.of("field", "x")));
    // HTML is always the main text MainText extracts (as in a run): no selector of one's own
    assertField(
        "negatives[0].select",
        "negatives",
        List.of(Map.of("path", "x", "format", "html", "select", "article")));
    assertField("features.bits", "features", Map.of("bits", 30));
    assertField("features.char_ngrams", "features", Map.of("char_ngrams", List.of(3, 4, 5)));
    assertField("features", "features", Map.of("char_ngrams", List.of(2, 6)));
    assertField("holdout", "holdout", 1.0);
    assertField("calibration", "calibration", -0.1);
    assertField("calibration", "calibration", 0.75); // with the holdout, less than 10% would train
    assertField("c", "c", -1);
    assertField("epochs", "epochs", 3);
  }
}
