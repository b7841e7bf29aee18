package dev.sluice.pipelines.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** The hand-written coders round-trip every field, alone and nested (as inside a KV on a shuffle). */
class CodersTest {
  private static <T> T roundTrip(Coder<T> coder, T value) throws IOException {
    return CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, value));
  }

  private static Doc doc(String text) {
    return Doc.parsed("id-\u00e9-1", text, "in/a.jsonl", "line", 123_456_789_012L)
        .withLanguage("fr", 0.875)
        .withQuality(Double.NaN)
        .withSignals(
            java.util.Map.of("gopher_quality.word_count", 57.0, "not.a.known.signal", -1.5))
        .withExactKey("abc")
        .withExactDups(3)
        .withCluster(null, 7)
        .withInput(VALUES);
  }

  static final InputValues VALUES =
      InputValues.of(
          java.util.Map.of(
              "url", java.util.Map.entry("string", "https://x.org/é".getBytes(UTF_8)),
              "meta", java.util.Map.entry("json", "{\"a\":[1,2]}".getBytes(UTF_8)),
              "empty", java.util.Map.entry("string", new byte[0])));

  private static void assertSame(Doc a, Doc b) {
    assertEquals(a.id(), b.id());
    assertEquals(a.text(), b.text());
    assertEquals(a.source(), b.source());
    assertEquals(a.pos(), b.pos());
    assertEquals(a.posUnit(), b.posUnit());
    assertEquals(a.lang(), b.lang());
    assertEquals(a.langScore(), b.langScore());
    assertEquals(a.quality(), b.quality());
    assertEquals(a.signals(), b.signals());
    assertEquals(a.exactKey(), b.exactKey());
    assertEquals(a.exactDups(), b.exactDups());
    assertEquals(a.clusterId(), b.clusterId());
    assertEquals(a.clusterSize(), b.clusterSize());
    assertEquals(a.input(), b.input());
  }

  @Test
  void documentsRoundTripAloneAndNested() throws IOException {
    String big =
        "Ünïcödé \ud83d\ude00 text. ".repeat(500); // multi-byte, a surrogate pair, a 2-byte length
    for (String text : new String[] {"", "x", big}) {
      Doc d = doc(text);
      assertSame(d, roundTrip(Doc.CODER, d));
      KvCoder<String, Doc> kv = KvCoder.of(StringUtf8Coder.of(), Doc.CODER);
      KV<String, Doc> back = roundTrip(kv, KV.of("k", d));
      assertEquals("k", back.getKey());
      assertSame(d, back.getValue());
    }
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> doc(null));
  }

  @Test
  void twoRecordsInOneStreamStayApart() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Doc a = doc("first");
    Doc b = doc("second, longer ".repeat(40));
    Doc.CODER.encode(a, out);
    Doc.CODER.encode(b, out);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    assertSame(a, Doc.CODER.decode(in));
    assertSame(b, Doc.CODER.decode(in));
    assertEquals(-1, in.read());
  }

  private static List<String> names(InputValues v) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < v.size(); i++) out.add(v.name(i));
    return out;
  }

  @Test
  void removedRowsRoundTrip() throws IOException {
    RemovedDoc r =
        new RemovedDoc(
            "id",
            "quality",
            "c4.too_few_sentences",
            null,
            Double.NaN,
            "src",
            "line 3",
            4000,
            "excerpt \u2014 with a dash",
            null,
            0.5,
            VALUES);
    RemovedDoc back = roundTrip(RemovedDoc.CODER, r);
    assertEquals(r, back);
    assertEquals(List.of("empty", "meta", "url"), names(back.input()));
    assertNull(back.duplicateOf());
    RemovedDoc dup = r.withDuplicateOf("other");
    assertEquals(dup, roundTrip(RemovedDoc.CODER, dup));
  }
}
