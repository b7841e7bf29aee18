package dev.sluice.augment.difficulty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DifficultyTest {
  @Test
  void rarityAndPerplexityNeedAModelLengthAndQualityDoNot() {
    assertEquals(List.of("length", "rarity", "perplexity", "quality"), Difficulty.COMPONENTS);
    assertTrue(Difficulty.needsModel("rarity"));
    assertTrue(Difficulty.needsModel("perplexity"));
    assertFalse(Difficulty.needsModel("length"));
    assertFalse(Difficulty.needsModel("quality"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Difficulty.needsModel("Length"));
    assertEquals(
        "unknown difficulty component 'Length'; expected one of [length, rarity, perplexity, quality]",
        e.getMessage());
  }

  @Test
  void lengthCountsCodePoints() {
    assertEquals(0.0, Difficulty.length(""), 0);
    assertEquals(5.0, Difficulty.length("whale"), 0);
    assertEquals(2.0, Difficulty.length("\uD83D\uDC33!"), 0);
  }

  @Test
  void higherQualityIsEasier() {
    assertEquals(0.0, Difficulty.quality(1), 0);
    assertEquals(1.0, Difficulty.quality(0), 0);
    assertEquals(0.25, Difficulty.quality(0.75), 0);
    assertTrue(Double.isNaN(Difficulty.quality(Double.NaN)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Difficulty.quality(1.5));
    assertEquals("quality score must be in [0, 1], got 1.5", e.getMessage());
  }

  @Test
  void combineIsTheMeanOfThePercentilesThatAreNotNaN() {
    assertEquals(0.5, Difficulty.combine(new double[] {0.25, 0.75}), 1e-15);
    assertEquals(0.3, Difficulty.combine(new double[] {Double.NaN, 0.3, Double.NaN}), 1e-15);
    assertTrue(Double.isNaN(Difficulty.combine(new double[] {Double.NaN, Double.NaN})));
    assertTrue(Double.isNaN(Difficulty.combine(new double[0])));
  }
}
