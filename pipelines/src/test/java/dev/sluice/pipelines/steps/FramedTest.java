package dev.sluice.pipelines.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pipelines.io.InputColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard's row crosses the grouping as (sort key, encoded bytes) and the writer sorts those bytes as received: the
 * order and the rows must be exactly what sorting the objects gives.
 */
class FramedTest {
  @TempDir Path tmp;

  /** The sort key of a row "key|payload". */
  private static String key(String row) {
    return row.substring(0, row.indexOf('|'));
  }

  private static final Coder<Framed<String>> CODER = Framed.coder(StringUtf8Coder.of());

  @Test
  void aRowArrivesAsItsKeyAndTheBytesTheSorterWouldMake() throws CoderException {
    for (String row :
        List.of(
            "a|x", "id-7|é€𝄞", "\uD800lone|y", "\uDC00|", "|empty key", "k|" + "z".repeat(5000))) {
      Framed<String> back = CoderUtils.clone(CODER, Framed.row(key(row), row));
      assertNull(back.row(), "not decoded on arrival");
      assertEquals(key(row), back.key(), "the key, lone surrogates included: " + row);
      assertArrayEquals(CoderUtils.encodeToByteArray(StringUtf8Coder.of(), row), back.bytes());
    }
  }

  @Test
  void theHeaderAndRowsShareOneStream() throws CoderException {
    InputColumns columns = InputColumns.NONE;
    List<Framed<String>> group =
        List.of(Framed.header(columns), Framed.row("b", "b|2"), Framed.row("a", "a|1"));
    List<Framed<String>> back = new ArrayList<>();
    CoderUtils.clone(IterableCoder.of(CODER), group).forEach(back::add);
    assertTrue(back.get(0).isHeader());
    assertEquals(columns.columns(), back.get(0).header().columns());
    assertNull(back.get(0).key());
    assertEquals("b", back.get(1).key());
    assertEquals("a", back.get(2).key());
  }

  @Test
  void sortingTheReceivedBytesGivesTheOrderOfTheObjects() throws IOException {
    List<String> rows = new ArrayList<>();
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 2000; i++) {
      rows.add((char) ('a' + r.nextInt(5)) + "|" + Long.toHexString(r.nextLong()));
    }
    List<String> direct = sorted(rows, false);
    assertEquals(direct, sorted(rows, true));
    assertEquals(rows.size(), direct.size());
  }

  private List<String> sorted(List<String> rows, boolean encoded) throws IOException {
    // a budget that spills: both ways must merge runs the same
    try (ExternalSort<String> sorter =
        new ExternalSort<>(StringUtf8Coder.of(), FramedTest::key, 4096, tmp)) {
      for (String row : rows) {
        if (encoded) {
          Framed<String> f = CoderUtils.clone(CODER, Framed.row(key(row), row));
          sorter.addEncoded(f.key(), f.bytes());
        } else {
          sorter.add(row);
        }
      }
      List<String> out = new ArrayList<>();
      for (Iterator<String> it = sorter.sorted(); it.hasNext(); ) out.add(it.next());
      return out;
    }
  }

  @Test
  void aDamagedElementIsAnErrorNotAGuess() {
    assertThrows(CoderException.class, () -> CoderUtils.decodeFromByteArray(CODER, new byte[] {7}));
    assertThrows(
        CoderException.class,
        () -> CoderUtils.decodeFromByteArray(CODER, new byte[] {0, 1, 'a', 9, 1}));
    assertThrows(CoderException.class, () -> CoderUtils.decodeFromByteArray(CODER, new byte[] {}));
    // cut inside the key's length, a key char past 0xFFFF, a row claiming 2 GB with a byte behind
    // it
    assertThrows(
        CoderException.class,
        () -> CoderUtils.decodeFromByteArray(CODER, new byte[] {0, (byte) 0x80}));
    assertThrows(
        CoderException.class,
        () ->
            CoderUtils.decodeFromByteArray(CODER, new byte[] {0, 1, (byte) 0x80, (byte) 0x80, 4}));
    assertThrows(
        CoderException.class,
        () ->
            CoderUtils.decodeFromByteArray(
                CODER,
                new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 7, 1}));
  }
}
