package dev.sluice.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.trainer.TestRuns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainStreamTest {
  private static final Pattern MARKER = Pattern.compile("<<(\\d+)>>");
  @TempDir Path tmp;

  private RunData run(int docs, int shards, int rowsPerGroup) throws IOException {
    return RunData.open(
        TestRuns.write(tmp.resolve("run"), TestRuns.marked(docs), shards, rowsPerGroup));
  }

  private static DataConfig config(double valFraction, int buffer) {
    return new DataConfig("id", "text", null, null, valFraction, buffer);
  }

  private static List<short[]> take(TrainStream s, int n) {
    List<short[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(s.next().tokens());
    return out;
  }

  private static String text(short[] tokens) {
    byte[] b = new byte[tokens.length];
    for (int i = 0; i < tokens.length; i++)
      b[i] = tokens[i] == Tokens.SEPARATOR ? (byte) '\n' : (byte) tokens[i];
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  @Test
  void sameSeedGivesSameSequencesAndOtherSeedsDiffer() throws IOException {
    RunData run = run(300, 3, 17);
    try (TrainStream a = new TrainStream(run, config(0.1, 64), 7, 33);
        TrainStream b = new TrainStream(run, config(0.1, 64), 7, 33);
        TrainStream c = new TrainStream(run, config(0.1, 64), 8, 33)) {
      List<short[]> x = take(a, 700); // crosses an epoch boundary
      List<short[]> y = take(b, 700);
      List<short[]> z = take(c, 700);
      for (int i = 0; i < x.size(); i++) assertArrayEquals(x.get(i), y.get(i), "sequence " + i);
      assertTrue(a.epoch() >= 1, "the test should cross into a second epoch");
      int same = 0;
      for (int i = 0; i < x.size(); i++)
        same += java.util.Arrays.equals(x.get(i), z.get(i)) ? 1 : 0;
      assertTrue(
          same < x.size() / 10, "another seed should give another order, " + same + " equal");
    }
  }

  @Test
  void epochsReshuffle() throws IOException {
    RunData run = run(200, 2, 13);
    try (TrainStream s = new TrainStream(run, config(0.1, 32), 3, 33)) {
      List<short[]> first = new ArrayList<>();
      while (s.epoch() == 0) first.add(s.next().tokens());
      first.remove(first.size() - 1); // the first sequence of epoch 1
      List<short[]> second = take(s, first.size() - 1);
      assertNotEquals(
          text(first.get(0)) + text(first.get(1)), text(second.get(0)) + text(second.get(1)));
    }
  }

  @Test
  void validationDocumentsNeverTrain() throws IOException {
    RunData run = run(400, 3, 29);
    DataConfig cfg = config(0.2, 16);
    Set<Integer> valIds = new HashSet<>();
    for (int i = 0; i < 400; i++) if (Tokens.isValidation("doc-" + i, 0.2)) valIds.add(i);
    assertTrue(
        valIds.size() > 40 && valIds.size() < 120, "about 20% validation, got " + valIds.size());
    Set<Integer> trained = new HashSet<>();
    try (TrainStream s = new TrainStream(run, cfg, 11, 257)) {
      for (short[] t : take(s, 300)) {
        Matcher m = MARKER.matcher(text(t));
        while (m.find()) trained.add(Integer.parseInt(m.group(1)));
      }
    }
    Set<Integer> leaked = new HashSet<>(trained);
    leaked.retainAll(valIds);
    assertTrue(leaked.isEmpty(), "validation documents in training sequences: " + leaked);
    // a marker cut by a sequence boundary is not matched, so a few documents go uncounted
    assertTrue(
        trained.size() >= 0.95 * (400 - valIds.size()),
        "training documents seen: " + trained.size());
    Set<Integer> validated = new HashSet<>();
    for (Sequence v : ValidationSet.load(run, cfg, 65, 10_000)) {
      Matcher m = MARKER.matcher(text(v.tokens()));
      while (m.find()) validated.add(Integer.parseInt(m.group(1)));
    }
    assertTrue(valIds.containsAll(validated), "only validation documents in the validation set");
    assertTrue(
        validated.size() >= 0.9 * valIds.size(), "validation documents seen: " + validated.size());
  }

  @Test
  void cursorResumesAtTheExactNextSequence() throws IOException {
    RunData run = run(250, 3, 11);
    for (int cut : new int[] {0, 1, 37, 129, 400}) {
      byte[] cursor;
      List<short[]> expected;
      try (TrainStream s = new TrainStream(run, config(0.05, 40), 5, 49)) {
        take(s, cut);
        cursor = s.cursor();
        expected = take(s, 300);
      }
      try (TrainStream r = new TrainStream(run, config(0.05, 40), 5, 49)) {
        r.restore(cursor);
        List<short[]> got = take(r, 300);
        for (int i = 0; i < expected.size(); i++)
          assertArrayEquals(expected.get(i), got.get(i), "cut " + cut + " seq " + i);
        assertEquals(cut + 300, r.consumed());
      }
    }
  }

  @Test
  void cursorFromAnotherSeedIsRefused() throws IOException {
    RunData run = run(50, 1, 50);
    byte[] cursor;
    try (TrainStream s = new TrainStream(run, config(0.05, 4), 5, 17)) {
      take(s, 3);
      cursor = s.cursor();
    }
    try (TrainStream r = new TrainStream(run, config(0.05, 4), 6, 17)) {
      DataException e = assertThrows(DataException.class, () -> r.restore(cursor));
      assertTrue(e.getMessage().contains("seed 5"), e.getMessage());
    }
  }

  @Test
  void tokensAreUtf8BytesWithSeparators() throws IOException {
    Path dir =
        TestRuns.write(
            tmp.resolve("utf8"),
            List.of(new TestRuns.Doc("a", "héllo", 1), new TestRuns.Doc("b", "€", 1)),
            1,
            10);
    try (TrainStream s = new TrainStream(RunData.open(dir), config(0, 1), 1, 5)) {
      // "héllo" = 68 C3 A9 6C 6C 6F, then SEP, then "€" = E2 82 AC, SEP: 11 tokens, two sequences
      // of 5
      Set<String> seqs = new HashSet<>();
      seqs.add(java.util.Arrays.toString(s.next().tokens()));
      seqs.add(java.util.Arrays.toString(s.next().tokens()));
      assertEquals(Set.of("[104, 195, 169, 108, 108]", "[111, 256, 226, 130, 172]"), seqs);
    }
  }

  @Test
  void weightAndDifficultyColumnsTravelWithTokens() throws IOException {
    Path dir =
        TestRuns.write(
            tmp.resolve("w"),
            List.of(new TestRuns.Doc("a", "aaaa", 0.25), new TestRuns.Doc("b", "bbbb", 0.75)),
            1,
            10);
    DataConfig cfg = new DataConfig("id", "text", "quality_score", "quality_score", 0, 1);
    try (TrainStream s = new TrainStream(RunData.open(dir), cfg, 1, 5)) {
      Sequence first = s.next();
      Sequence second = s.next();
      Sequence a = first.tokens()[0] == 'a' ? first : second;
      assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f}, a.weights());
      assertEquals(0.25, a.difficulty(), 1e-9);
    }
  }

  @Test
  void corruptShardIsAClearErrorNamingTheFile() throws IOException {
    Path dir = TestRuns.write(tmp.resolve("bad"), TestRuns.marked(20), 1, 10);
    Path shard = dir.resolve("shards/part-00000-of-00001.parquet");
    byte[] bytes = Files.readAllBytes(shard);
    for (int i = 100; i < bytes.length - 100; i++)
      bytes[i] = (byte) 0x5A; // same size, data and footer garbage
    Files.write(shard, bytes);
    RunData run = RunData.open(dir);
    DataException e =
        assertThrows(
            DataException.class,
            () -> {
              try (TrainStream s = new TrainStream(run, config(0.05, 4), 1, 17)) {
                s.next();
              }
            });
    assertTrue(e.getMessage().contains(shard.toString()), e.getMessage());
  }

  @Test
  void truncatedOrMissingShardsAndManifestsAreNamed() throws IOException {
    Path dir = TestRuns.write(tmp.resolve("t"), TestRuns.marked(20), 2, 10);
    Path shard = dir.resolve("shards/part-00001-of-00002.parquet");
    Files.write(shard, java.util.Arrays.copyOf(Files.readAllBytes(shard), 50));
    dev.sluice.core.cli.UsageException trunc =
        assertThrows(dev.sluice.core.cli.UsageException.class, () -> RunData.open(dir));
    assertTrue(
        trunc.getMessage().contains(shard.toString())
            && trunc.getMessage().contains("manifest says"),
        trunc.getMessage());
    Files.delete(shard);
    assertTrue(
        assertThrows(dev.sluice.core.cli.UsageException.class, () -> RunData.open(dir))
            .getMessage()
            .contains("missing"));
    dev.sluice.core.cli.UsageException none =
        assertThrows(
            dev.sluice.core.cli.UsageException.class, () -> RunData.open(tmp.resolve("nowhere")));
    assertTrue(none.getMessage().contains("no manifest"), none.getMessage());
  }

  @Test
  void missingOrMistypedColumnsAndBadWeightsAreNamed() throws IOException {
    Path dir = TestRuns.write(tmp.resolve("cols"), TestRuns.marked(20), 1, 10);
    Path shard = dir.resolve("shards/part-00000-of-00001.parquet");
    RunData run = RunData.open(dir);
    DataException missing =
        assertThrows(
            DataException.class,
            () ->
                new TrainStream(run, new DataConfig("id", "body", null, null, 0.05, 4), 1, 17)
                    .next());
    assertTrue(
        missing
            .getMessage()
            .startsWith(
                shard + ": shard has no column 'body' (columns: [id, text, quality_score])"),
        missing.getMessage());
    DataException mistyped =
        assertThrows(
            DataException.class,
            () ->
                new TrainStream(
                        run, new DataConfig("id", "quality_score", null, null, 0.05, 4), 1, 17)
                    .next());
    assertTrue(
        mistyped.getMessage().contains("column 'quality_score' is DOUBLE, expected a string"),
        mistyped.getMessage());
    DataException notNumber =
        assertThrows(
            DataException.class,
            () ->
                new TrainStream(run, new DataConfig("id", "text", "text", null, 0.05, 4), 1, 17)
                    .next());
    assertTrue(
        notNumber.getMessage().contains("column 'text' is BINARY, expected a number"),
        notNumber.getMessage());

    Path neg =
        TestRuns.write(tmp.resolve("neg"), List.of(new TestRuns.Doc("a", "aaaa", -0.5)), 1, 10);
    DataException negative =
        assertThrows(
            DataException.class,
            () ->
                new TrainStream(
                        RunData.open(neg),
                        new DataConfig("id", "text", "quality_score", null, 0, 1),
                        1,
                        5)
                    .next());
    assertTrue(
        negative.getMessage().contains("(id a) has weight -0.5; weights must be finite and >= 0"),
        negative.getMessage());
  }

  @Test
  void allTextInValidationIsAnError() throws IOException {
    RunData run = run(10, 1, 10);
    try (TrainStream s = new TrainStream(run, config(0.5, 4), 1, 4097)) {
      DataException e = assertThrows(DataException.class, s::next);
      assertFalse(e.getMessage().isBlank());
    }
  }
}
