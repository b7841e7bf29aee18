package dev.sluice.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.cli.UsageException;
import dev.sluice.trainer.data.Curriculum.Order;
import dev.sluice.trainer.data.Curriculum.Pacing;
import org.junit.jupiter.api.Test;

class CurriculumTest {
  private static Curriculum of(Pacing p, Order o) {
    return new Curriculum(p, o, 0.2, 0.5, 4, 1000, 8);
  }

  @Test
  void everyPacingStartsAtStartAndReachesOneAtUntil() {
    for (Pacing p : Pacing.values()) {
      Curriculum c = of(p, Order.EASY_FIRST);
      assertEquals(0.2, c.competence(0), 1e-12, p.name());
      assertEquals(1.0, c.competence(500), 1e-12, p.name());
      assertEquals(1.0, c.competence(999), 1e-12, p.name());
      double last = 0;
      for (int t = 0; t <= 1000; t += 10) {
        assertTrue(c.competence(t) >= last, p + " is monotone at " + t);
        last = c.competence(t);
      }
    }
  }

  @Test
  void pacingFunctionsFollowPlatanios() {
    // halfway to `until` (step 250 of a 500-step horizon)
    assertEquals(0.2 + 0.8 * 0.5, of(Pacing.LINEAR, Order.EASY_FIRST).competence(250), 1e-12);
    assertEquals(
        Math.sqrt(0.04 + 0.96 * 0.5), of(Pacing.SQRT, Order.EASY_FIRST).competence(250), 1e-12);
    assertEquals(0.2 + 0.8 * 2 / 4, of(Pacing.STEP, Order.EASY_FIRST).competence(250), 1e-12);
    assertEquals(0.2, of(Pacing.STEP, Order.EASY_FIRST).competence(124), 1e-12);
    // competence after sequences counts whole batches of 8
    assertEquals(
        of(Pacing.LINEAR, Order.EASY_FIRST).competence(3),
        of(Pacing.LINEAR, Order.EASY_FIRST).competenceAfter(31),
        1e-12);
  }

  @Test
  void scoresFollowTheOrder() {
    assertEquals(0.3, of(Pacing.SQRT, Order.EASY_FIRST).score("a", 0.3, 1), 1e-12);
    assertEquals(0.7, of(Pacing.SQRT, Order.HARD_FIRST).score("a", 0.3, 1), 1e-12);
    assertEquals(1.0, of(Pacing.SQRT, Order.EASY_FIRST).score("a", Double.NaN, 1), 1e-12);
    assertEquals(1.0, of(Pacing.SQRT, Order.HARD_FIRST).score("a", Double.NaN, 1), 1e-12);
    Curriculum random = of(Pacing.SQRT, Order.RANDOM);
    assertEquals(random.score("doc-1", 0.3, 5), random.score("doc-1", 0.9, 5), 0.0);
    int below = 0;
    for (int i = 0; i < 10_000; i++) below += random.score("doc-" + i, 0, 5) <= 0.3 ? 1 : 0;
    assertEquals(3000, below, 150, "the random control's scores are uniform");
  }

  @Test
  void badSettingsNameTheField() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> new Curriculum(Pacing.SQRT, Order.RANDOM, 0, 0.8, 4, 10, 1));
    assertTrue(e.getMessage().contains("curriculum.start"), e.getMessage());
    e =
        assertThrows(
            UsageException.class,
            () -> new Curriculum(Pacing.SQRT, Order.RANDOM, 0.2, 1.5, 4, 10, 1));
    assertTrue(e.getMessage().contains("curriculum.until"), e.getMessage());
  }
}
