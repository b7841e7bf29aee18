package dev.sluice.scaling.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in pool is made of every documented kind of noise, the same bytes for the same seed, and its
 * preparation holds out, decontaminates and accounts for every document.
 */
class NoisyProsePoolTest {
  static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();

  static NoisyProsePool.Settings small(long seed) {
    return new NoisyProsePool.Settings(SAMPLES, seed, 200, 2000, 0.15, 0.10, 100, 5, 5, 20, 0.05);
  }

  @Test
  void everyKindOfNoiseIsThereAndTheCleanReferenceIsWithheld() throws Exception {
    NoisyProsePool.Built b = NoisyProsePool.build(small(7));
    Map<String, Long> kinds =
        b.pool().stream().collect(Collectors.groupingBy(PoolDoc::kind, Collectors.counting()));
    for (String k :
        List.of(
            "clean",
            "exact_copy",
            "near_copy",
            "html_boilerplate",
            "fragment",
            "other_language",
            "template")) {
      assertTrue(kinds.getOrDefault(k, 0L) > 0, k + " in " + kinds);
    }
    assertEquals(5, kinds.get("html_boilerplate"));
    assertEquals(20, kinds.get("template"));
    assertFalse(b.cleanEval().isEmpty());
    Set<String> evalIds = b.cleanEval().stream().map(PoolDoc::id).collect(Collectors.toSet());
    for (PoolDoc d : b.pool()) {
      String origin = d.id().replaceFirst("~.*", "");
      assertFalse(evalIds.contains(origin), "no copy is made of a withheld document: " + d.id());
    }
    // the State of the Union texts have no line breaks: they are cut at sentence ends, not kept
    // whole
    assertTrue(
        b.pool().stream()
            .filter(d -> d.kind().equals("clean"))
            .allMatch(d -> d.text().length() < 6000));
  }

  @Test
  void theSameSeedGivesTheSamePoolAndAnotherSeedAnother() throws Exception {
    assertEquals(NoisyProsePool.build(small(7)), NoisyProsePool.build(small(7)));
    assertFalse(
        NoisyProsePool.build(small(7)).pool().equals(NoisyProsePool.build(small(8)).pool()));
  }

  @Test
  void preparationHoldsOutDecontaminatesAndAccountsForEveryDocument(@TempDir Path dir)
      throws Exception {
    NoisyProsePool.Built b = NoisyProsePool.build(small(7));
    PreparedPool.Summary s = PreparedPool.prepare(dir, "k", b.pool(), b.cleanEval(), 0.1, 0.8);
    assertEquals(
        b.pool().size(),
        s.train() + s.holdout() + s.decontaminatedExact() + s.decontaminatedNear());
    assertTrue(s.decontaminatedExact() > 0, "exact copies of held-out documents are removed: " + s);
    List<PoolDoc> train = JsonLines.docs(dir.resolve(PreparedPool.TRAIN), "id", "text", "x");
    List<PoolDoc> eval = JsonLines.docs(dir.resolve(PreparedPool.HOLDOUT), "id", "text", "x");
    eval.addAll(JsonLines.docs(dir.resolve(PreparedPool.CLEAN), "id", "text", "x"));
    Decontaminator dc = new Decontaminator(eval, 0.8);
    for (PoolDoc d : train) assertNull(dc.check(d), "trains on an evaluation document: " + d.id());
    assertEquals(
        s.decontaminatedExact() + s.decontaminatedNear(),
        Files.readAllLines(dir.resolve(PreparedPool.DECONTAMINATED)).size(),
        "every removal is listed");
    assertNotNull(PreparedPool.existing(dir, "k"));
    assertNull(PreparedPool.existing(dir, "other settings"));
  }

  @Test
  void nearCopiesAreFoundAndUnrelatedTextIsNot() {
    String text =
        "The whale surfaced near the ship and the men rowed hard toward it through the cold grey sea, "
            + "shouting to one another as the harpooner stood braced in the bow with his iron raised high.";
    Decontaminator dc = new Decontaminator(List.of(new PoolDoc("e1", text, "clean")), 0.8);
    assertEquals(
        "exact", dc.check(new PoolDoc("a", "  " + text.replace(" ", "  ") + "\n", "x")).how());
    Decontaminator.Hit near =
        dc.check(new PoolDoc("b", "Share this: Facebook Twitter\n\n" + text, "x"));
    assertNotNull(near);
    assertEquals("near", near.how());
    assertNull(
        dc.check(
            new PoolDoc("c", "An entirely different sentence about tax policy and tariffs.", "x")));
  }
}
