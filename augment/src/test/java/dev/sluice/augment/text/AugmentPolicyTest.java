package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AugmentPolicyTest {
  private static final Map<String, Double> EDA =
      Map.of("synonym", 0.1, "insert", 0.1, "swap", 0.1, "delete", 0.1, "typo", 0.02);

  @Test
  void anUnknownOpIsNamedWithTheAllowedOnesAndAGuess() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AugmentPolicy.of(Map.of("synonim", 0.1)));
    assertEquals(
        "augment: unknown op 'synonim' (did you mean 'synonym'?); allowed: [synonym, insert, swap,"
            + " delete, typo, ocr, sentence_shuffle, span_mask, span_delete]",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> AugmentPolicy.of(Map.of("paraphrase", 0.1)));
    assertTrue(
        e.getMessage().startsWith("augment: unknown op 'paraphrase'; allowed: [synonym"),
        e.getMessage());
  }

  @Test
  void aRateOutsideZeroToOneIsNamedWithItsOp() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AugmentPolicy.of(Map.of("swap", 1.5)));
    assertEquals(
        "augment: rate of 'swap' must be a number from 0 to 1 (0 turns it off), got 1.5",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> AugmentPolicy.of(Map.of("delete", -0.1)));
    assertTrue(e.getMessage().contains("'delete'") && e.getMessage().endsWith("got -0.1"));
    e =
        assertThrows(
            IllegalArgumentException.class, () -> AugmentPolicy.of(Map.of("typo", Double.NaN)));
    assertTrue(e.getMessage().endsWith("got NaN"));
    Map<String, Double> nullRate = new HashMap<>();
    nullRate.put("ocr", null);
    e = assertThrows(IllegalArgumentException.class, () -> AugmentPolicy.of(nullRate));
    assertTrue(e.getMessage().endsWith("got null"));
    AugmentPolicy.of(Map.of("swap", 0.0, "delete", 1.0)); // both ends allowed
  }

  @Test
  void ratesComeBackInOpsOrderAndUnmodifiable() {
    Map<String, Double> in = new LinkedHashMap<>();
    in.put("typo", 0.02);
    in.put("swap", 0.0);
    in.put("synonym", 0.1);
    Map<String, Double> rates = AugmentPolicy.of(in).rates();
    assertEquals(List.of("synonym", "swap", "typo"), List.copyOf(rates.keySet()));
    assertThrows(UnsupportedOperationException.class, () -> rates.put("ocr", 0.1));
  }

  @Test
  void aZeroRateTurnsAnOpOffAndOpsRunInOpsOrder() {
    AugmentPolicy p = AugmentPolicy.of(Map.of("swap", 0.0, "typo", 0.1, "synonym", 0.2));
    Augmented a = p.augment(Corpus.mobyParagraphs(1).get(0), "en", 1, "d", 1);
    assertEquals(List.of("synonym", "typo"), a.changed());
    assertEquals(List.of(), a.unchanged());
    assertEquals(List.of(), a.skippedLanguage());
  }

  @Test
  void serializesSmallAndStaysEqual() throws Exception {
    AugmentPolicy p = AugmentPolicy.of(EDA);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    assertTrue(bytes.size() < 400, "serialized size " + bytes.size());
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      AugmentPolicy back = (AugmentPolicy) in.readObject();
      assertEquals(p, back);
      String text = Corpus.mobyParagraphs(3).get(2);
      assertEquals(p.augment(text, "en", 9, "x", 2), back.augment(text, "en", 9, "x", 2));
    }
  }

  @Test
  void theOutputIsPinnedSoAnyJvmMakesTheSameCopy() {
    // Integer arithmetic and StrictMath only: this exact text on every JVM and machine. If a change
    // to an op moves it, every recipe's augmented data changes: say so in the change.
    AugmentPolicy p =
        AugmentPolicy.of(
            Map.of("synonym", 0.2, "insert", 0.1, "swap", 0.1, "delete", 0.1, "typo", 0.05));
    Augmented a =
        p.augment(
            "Call me Ishmael. Some years ago, never mind how long precisely, having little money"
                + " in my purse, I thought I would sail about and see the watery part of the world.",
            "en",
            42,
            "moby-1",
            1);
    assertEquals(
        "Scream ms Ishmael. Aome old little ago, never mind how foresighted jy, sweep havingg age in"
            + " predisely bag, I thought I would sail wnd parah office the dripping see of qorld the.",
        a.text());
    assertEquals(List.of("synonym", "insert", "swap", "delete", "typo"), a.changed());
  }

  @Test
  void argumentsAreChecked() {
    AugmentPolicy p = AugmentPolicy.of(EDA);
    assertThrows(IllegalArgumentException.class, () -> p.augment("x", "en", 1, "d", 0));
    assertThrows(IllegalArgumentException.class, () -> p.augment(null, "en", 1, "d", 1));
    assertThrows(IllegalArgumentException.class, () -> p.augment("x", "en", 1, null, 1));
    assertThrows(IllegalArgumentException.class, () -> AugmentPolicy.of(null));
  }
}
