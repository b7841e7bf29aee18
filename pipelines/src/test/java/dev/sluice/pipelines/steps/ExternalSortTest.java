package dev.sluice.pipelines.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shard sorter gives one total order whatever the arrival order, spilled or not, and leaves no files. */
class ExternalSortTest {
  @TempDir Path tmp;

  /** Rows "kk|payload": the key is the two letters before '|', so many rows share a key. */
  private static List<String> rows(int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          (char) ('a' + r.nextInt(6))
              + ""
              + (char) ('a' + r.nextInt(6))
              + "|"
              + Long.toHexString(r.nextLong())
              + "é".repeat(r.nextInt(4)));
    }
    return out;
  }

  private static String key(String row) {
    return row.substring(0, 2);
  }

  private List<String> sort(List<String> in, long budget, int[] spills) throws IOException {
    try (ExternalSort<String> s =
        new ExternalSort<>(StringUtf8Coder.of(), ExternalSortTest::key, budget, tmp)) {
      for (String row : in) s.add(row);
      assertEquals(in.size(), s.rows());
      spills[0] = s.spills();
      List<String> out = new ArrayList<>();
      for (Iterator<String> it = s.sorted(); it.hasNext(); ) out.add(it.next());
      return out;
    }
  }

  private long filesLeft() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.count();
    }
  }

  @Test
  void spilledAndInMemoryGiveTheSameTotalOrder() throws IOException {
    List<String> in = rows(5_000, 7);
    in.add(in.get(10)); // an exact duplicate row, too
    int[] spills = new int[1];
    List<String> memory = sort(in, Long.MAX_VALUE, spills);
    assertEquals(0, spills[0]);
    List<String> spilled = sort(in, 8 << 10, spills);
    assertTrue(spills[0] > 10, "a small budget spills many runs: " + spills[0]);
    assertEquals(memory, spilled);
    assertEquals(0, filesLeft(), "runs are deleted on close");

    // by key first (String order, as the shards always were), and rows sharing a key in one fixed
    // order
    List<String> expected = new ArrayList<>(in);
    expected.sort(Comparator.comparing(ExternalSortTest::key));
    assertEquals(
        expected.stream().map(ExternalSortTest::key).toList(),
        memory.stream().map(ExternalSortTest::key).toList());
    List<String> shuffled = new ArrayList<>(in);
    Collections.shuffle(shuffled, new Random(99));
    assertEquals(memory, sort(shuffled, 8 << 10, spills), "arrival order does not matter");
  }

  @Test
  void emptyAndSingleRowShards() throws IOException {
    int[] spills = new int[1];
    assertTrue(sort(List.of(), 1, spills).isEmpty());
    assertEquals(List.of("zz|1"), sort(List.of("zz|1"), 1, spills));
    assertEquals(1, spills[0], "a budget of one byte spills every row");
    assertEquals(0, filesLeft());
  }

  @Test
  void closingBeforeReadingDeletesTheRuns() throws IOException {
    try (ExternalSort<String> s =
        new ExternalSort<>(StringUtf8Coder.of(), ExternalSortTest::key, 1 << 10, tmp)) {
      for (String row : rows(500, 3)) s.add(row);
      assertTrue(s.spills() > 0);
      assertTrue(filesLeft() > 0);
      Iterator<String> it = s.sorted();
      assertTrue(it.hasNext());
      it.next();
    }
    assertEquals(0, filesLeft(), "a failed write closes the sorter mid-merge: its runs go too");
  }

  @Test
  void keysComeBackFromARunAsTheSameStrings() throws IOException {
    // a lone surrogate or a character outside the BMP must sort the same whether its row spilled or
    // not
    List<String> in =
        new ArrayList<>(
            List.of("\ud800x|1", "\ud83d\ude00|2", "zz|3", "aa|4", "\uffff|5", "\u0000|6"));
    in.addAll(rows(300, 11));
    int[] spills = new int[1];
    List<String> memory = sort(in, Long.MAX_VALUE, spills);
    assertEquals(
        memory, sort(in, 1, spills), "every row its own run: each key is compared as read back");
    assertEquals(in.size(), spills[0]);
  }

  @Test
  void aDamagedRunIsAClearErrorNotAShortShard() throws IOException {
    try (ExternalSort<String> s =
        new ExternalSort<>(StringUtf8Coder.of(), ExternalSortTest::key, 1 << 10, tmp)) {
      for (String row : rows(500, 5)) s.add(row);
      try (Stream<Path> runs = Files.list(tmp)) {
        Path run = runs.sorted().findFirst().orElseThrow();
        byte[] b = Files.readAllBytes(run);
        Files.write(run, java.util.Arrays.copyOf(b, b.length - 3));
      }
      Iterator<String> it = s.sorted();
      UncheckedIOException e =
          assertThrows(
              UncheckedIOException.class,
              () -> {
                while (it.hasNext()) it.next();
              });
      assertEquals("could not read back a sorted run", e.getMessage());
      assertEquals("a sorted run ends inside a row", e.getCause().getMessage());
    }
    assertEquals(0, filesLeft());
  }

  @Test
  void aRunWithANegativeLengthIsAClearError() throws IOException {
    try (ExternalSort<String> s =
        new ExternalSort<>(StringUtf8Coder.of(), ExternalSortTest::key, 1 << 10, tmp)) {
      for (String row : rows(500, 7)) s.add(row);
      try (Stream<Path> runs = Files.list(tmp)) {
        Path run = runs.sorted().findFirst().orElseThrow();
        byte[] b = Files.readAllBytes(run);
        b[0] = (byte) 0xff; // the first row's key length, now negative
        Files.write(run, b);
      }
      IOException e = assertThrows(IOException.class, s::sorted);
      assertTrue(e.getMessage().startsWith("a sorted run holds a negative length"), e.getMessage());
    }
    assertEquals(0, filesLeft());
  }

  @Test
  void anUnusableTemporaryFolderFailsTheSpill() throws IOException {
    Path notADir = Files.writeString(tmp.resolve("file"), "x");
    try (ExternalSort<String> s =
        new ExternalSort<>(StringUtf8Coder.of(), ExternalSortTest::key, 1, notADir)) {
      assertThrows(IOException.class, () -> s.add("aa|1"));
    }
  }
}
