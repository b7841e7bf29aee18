package dev.sluice.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.trainer.TestRuns;
import dev.sluice.trainer.data.Curriculum.Order;
import dev.sluice.trainer.data.Curriculum.Pacing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pacing in the stream: the test documents' difficulty is their quality_score column, (i mod 10) / 10, and each
 * text carries its number as a marker, so every drawn sequence can be traced back to its documents.
 */
class CurriculumStreamTest {
  private static final Pattern MARKER = Pattern.compile("<<(\\d+)>>");
  private static final int BATCH = 4;
  private static final int STEPS = 100;
  @TempDir Path tmp;

  private RunData run() throws IOException {
    return RunData.open(TestRuns.write(tmp.resolve("run"), TestRuns.marked(400), 3, 17));
  }

  private static TrainStream stream(RunData run, Order order, long seed) {
    DataConfig cfg = new DataConfig("id", "text", null, "quality_score", 0.05, 8);
    return new TrainStream(
        run, cfg, seed, 65, new Curriculum(Pacing.LINEAR, order, 0.2, 0.8, 4, STEPS, BATCH));
  }

  private static List<Integer> docs(Sequence s) {
    byte[] b = new byte[s.tokens().length];
    for (int i = 0; i < b.length; i++) b[i] = (byte) s.tokens()[i];
    Matcher m = MARKER.matcher(new String(b, StandardCharsets.ISO_8859_1));
    List<Integer> ids = new ArrayList<>();
    while (m.find()) ids.add(Integer.parseInt(m.group(1)));
    return ids;
  }

  private static double difficulty(int doc) {
    return (doc % 10) / 10.0;
  }

  @Test
  void easyFirstDrawsOnlyDocumentsWithinTheCompetenceOfTheStep() throws IOException {
    double maxEarly = 0;
    double maxLate = 0;
    try (TrainStream s = stream(run(), Order.EASY_FIRST, 3)) {
      for (int step = 0; step < STEPS; step++) {
        double competence = s.competence();
        for (int k = 0; k < BATCH; k++) {
          for (int d : docs(s.next())) {
            assertTrue(
                difficulty(d) <= competence + 1e-12,
                "step " + step + ": doc " + d + " above competence " + competence);
            if (step < 10) maxEarly = Math.max(maxEarly, difficulty(d));
            if (step >= 90) maxLate = Math.max(maxLate, difficulty(d));
          }
        }
      }
    }
    assertTrue(maxEarly <= 0.3, "early steps see easy documents only, max " + maxEarly);
    assertTrue(maxLate >= 0.9, "full competence reaches the hardest documents, max " + maxLate);
  }

  @Test
  void hardFirstStartsWithTheHardestDocuments() throws IOException {
    try (TrainStream s = stream(run(), Order.HARD_FIRST, 3)) {
      for (int i = 0; i < 10 * BATCH; i++) {
        for (int d : docs(s.next())) {
          assertTrue(difficulty(d) >= 0.8 - 1e-12, "early doc " + d + " is not among the hardest");
        }
      }
    }
  }

  @Test
  void randomControlGrowsThePoolAtTheSamePaceWithoutTheOrder() throws IOException {
    RunData run = run();
    java.util.Set<Integer> randomEarly = new java.util.TreeSet<>();
    java.util.Set<Integer> easyEarly = new java.util.TreeSet<>();
    try (TrainStream r = stream(run, Order.RANDOM, 3);
        TrainStream e = stream(run, Order.EASY_FIRST, 3)) {
      for (int i = 0; i < 10 * BATCH; i++) {
        randomEarly.addAll(docs(r.next()));
        easyEarly.addAll(docs(e.next()));
      }
    }
    double hardShare = randomEarly.stream().filter(d -> difficulty(d) >= 0.5).count();
    hardShare /= randomEarly.size();
    assertTrue(
        hardShare > 0.3 && hardShare < 0.7,
        "the control draws across difficulties, hard share " + hardShare);
    // the pool grows alike: at competence ~0.2-0.3 both draw from about a quarter of the documents
    int poolRandom = 0;
    int poolEasy = 0;
    Curriculum random = new Curriculum(Pacing.LINEAR, Order.RANDOM, 0.2, 0.8, 4, STEPS, BATCH);
    for (int i = 0; i < 400; i++) {
      poolRandom += random.score("doc-" + i, difficulty(i), 3) <= 0.2 ? 1 : 0;
      poolEasy += difficulty(i) <= 0.2 ? 1 : 0;
    }
    assertTrue(Math.abs(poolRandom - poolEasy) < 40, poolRandom + " vs " + poolEasy);
    assertTrue(easyEarly.stream().allMatch(d -> difficulty(d) <= 0.3), "easy_first " + easyEarly);
  }

  @Test
  void cursorResumesExactlyUnderPacing() throws IOException {
    RunData run = run();
    for (Order order : Order.values()) {
      for (int cut : new int[] {0, 13, 150, 333}) {
        byte[] cursor;
        List<short[]> expected = new ArrayList<>();
        try (TrainStream s = stream(run, order, 9)) {
          for (int i = 0; i < cut; i++) s.next();
          cursor = s.cursor();
          for (int i = 0; i < 120; i++) expected.add(s.next().tokens());
        }
        try (TrainStream r = stream(run, order, 9)) {
          r.restore(cursor);
          for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), r.next().tokens(), order + " cut " + cut + " #" + i);
          }
        }
      }
    }
  }

  @Test
  void augmentedCopiesFollowTheirOriginalIntoOrOutOfTheValidationSplit() throws IOException {
    List<TestRuns.SluiceDoc> docs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      docs.add(new TestRuns.SluiceDoc("doc-" + i, "<<" + i + ">> original text", null, 0.5));
      docs.add(
          new TestRuns.SluiceDoc("doc-" + i + "#aug1", "<<" + i + ">> copy text", "doc-" + i, 0.5));
    }
    RunData run = RunData.open(TestRuns.writeSluice(tmp.resolve("aug"), docs));
    DataConfig cfg = new DataConfig("id", "text", null, null, 0.2, 1);
    java.util.Set<Integer> validated = new java.util.TreeSet<>();
    for (Sequence v : ValidationSet.load(run, cfg, 17, 100_000)) validated.addAll(docs(v));
    java.util.Set<Integer> trained = new java.util.TreeSet<>();
    try (TrainStream s = new TrainStream(run, cfg, 1, 17)) {
      for (int i = 0; i < 2000; i++) trained.addAll(docs(s.next()));
    }
    for (int i = 0; i < 200; i++) {
      boolean val = Tokens.isValidation("doc-" + i, 0.2);
      if (val)
        assertTrue(!trained.contains(i), "doc " + i + " or its copy trained, yet it validates");
    }
    java.util.Set<Integer> both = new java.util.TreeSet<>(validated);
    both.retainAll(trained);
    assertTrue(both.isEmpty(), "in both splits: " + both);
    assertTrue(validated.size() > 20, "validation documents: " + validated.size());
  }

  @Test
  void aDifficultyOrderOnANullColumnStopsBeforeAnyWork() throws IOException {
    List<TestRuns.SluiceDoc> docs = new ArrayList<>();
    for (int i = 0; i < 20; i++) docs.add(new TestRuns.SluiceDoc("d" + i, "text " + i, null, null));
    RunData run = RunData.open(TestRuns.writeSluice(tmp.resolve("nulls"), docs));
    DataConfig cfg = new DataConfig("id", "text", null, "difficulty", 0.1, 4);
    Curriculum easy = new Curriculum(Pacing.SQRT, Order.EASY_FIRST, 0.2, 0.8, 4, 100, 4);
    dev.sluice.core.cli.UsageException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.sluice.core.cli.UsageException.class, () -> CurriculumCheck.check(run, cfg, easy));
    assertTrue(e.getMessage().startsWith("data.difficulty_column:"), e.getMessage());
    assertTrue(e.getMessage().contains("every row is null"), e.getMessage());
    // the random control reads no difficulty: fine on the same shards
    CurriculumCheck.check(run, cfg, new Curriculum(Pacing.SQRT, Order.RANDOM, 0.2, 0.8, 4, 100, 4));
  }
}
