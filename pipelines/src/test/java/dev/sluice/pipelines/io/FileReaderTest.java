package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input becomes a dead letter with a reason, and good records around it are kept. */
class FileReaderTest {
  @TempDir Path dir;
  final List<Doc> docs = new ArrayList<>();
  final List<DeadLetter> dead = new ArrayList<>();

  private void read(Path file, Map<String, Object> settings) {
    Map<String, Object> m = new java.util.HashMap<>(settings);
    m.putIfAbsent("path", file.toString());
    new FileReader(InputSettings.from(m)).read(file.toString(), docs::add, dead::add);
  }

  private void read(Path file) {
    read(file, Map.of());
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private DeadLetter only(String reason) {
    List<DeadLetter> m = dead.stream().filter(d -> d.reason().equals(reason)).toList();
    assertEquals(1, m.size(), "one dead letter '" + reason + "' in " + dead);
    return m.get(0);
  }

  @Test
  void eachMalformedLineIsADeadLetterAndTheRestIsKept() throws IOException {
    Path f =
        write(
            "mixed.jsonl",
            String.join(
                    "\n",
                    "{\"id\": \"a\", \"text\": \"good one\"}",
                    "{\"id\": \"b\", \"text\": ",
                    "[1, 2, 3]",
                    "{\"id\": \"c\"}",
                    "{\"id\": \"d\", \"text\": 42}",
                    "{\"id\": \"e\", \"text\": \"has a \\u0000 NUL\"}",
                    "{\"id\": \"f\", \"text\": \"   \"}",
                    "{\"id\": {\"x\": 1}, \"text\": \"object id\"}",
                    "",
                    "{\"text\": \"no id here\"}",
                    "{\"id\": 7, \"text\": \"numeric id\"}",
                    "{\"id\": \"s\", \"text\": \"half a character: \\ud800 here\"}",
                    "{\"id\": \"emoji\", \"text\": \"a whole one: \\ud83d\\ude00\"}")
                + "\n");
    read(f);
    assertEquals(List.of("a", f + "#l10", "7", "emoji"), docs.stream().map(d -> d.id()).toList());
    assertEquals("line 12", only("lone_surrogate").location());
    assertEquals("line 2", only("malformed_json").location());
    assertEquals("line 3", only("not_an_object").location());
    assertEquals("line 4", only("missing_text").location());
    assertEquals("line 5", only("text_not_string").location());
    assertEquals("line 6", only("nul_byte").location());
    assertEquals("line 7", only("empty_text").location());
    assertEquals("line 8", only("bad_id").location());
    assertEquals(8, dead.size());
    for (DeadLetter d : dead) {
      assertEquals(f.toString(), d.source());
      assertTrue(!d.raw().isEmpty() && !d.detail().isEmpty(), d.toString());
    }
  }

  @Test
  void aLineHoldsExactlyOneJsonValueNothingAfterItIsDropped() throws IOException {
    Path f =
        write(
            "strict.jsonl",
            String.join(
                    "\n",
                    "{\"id\": \"a\", \"text\": \"x\"}{\"id\": \"b\", \"text\": \"y\"}",
                    "{\"id\": \"c\", \"text\": \"x\"} xyz",
                    "{\"id\": \"d\", \"text\": \"x\"} 42",
                    "{\"id\": \"e\", \"text\": \"x\"} ]",
                    "{\"id\": \"ok\", \"text\": \"trailing blanks\"} \t ")
                + "\r\n");
    read(f);
    assertEquals(List.of("ok"), docs.stream().map(d -> d.id()).toList());
    assertEquals(4, dead.size(), dead.toString());
    for (DeadLetter d : dead) assertEquals("malformed_json", d.reason());
    assertTrue(
        dead.get(0)
            .detail()
            .startsWith("a second JSON value ({...) after the first one at char 25"),
        dead.get(0).detail());
    assertTrue(dead.get(0).raw().contains("\"b\""), "the whole line is kept: " + dead.get(0).raw());
    assertTrue(
        dead.get(1).detail().startsWith("unexpected text after the JSON value"),
        dead.get(1).detail());
    assertTrue(dead.get(1).detail().contains("xyz"), dead.get(1).detail());
    assertTrue(
        dead.get(2).detail().startsWith("a second JSON value (42...)"), dead.get(2).detail());
    assertTrue(
        dead.get(3).detail().startsWith("unexpected text after the JSON value"),
        dead.get(3).detail());
  }

  @Test
  void invalidUtf8IsDeadLetteredWithItsBytes() throws IOException {
    byte[] bad = "{\"id\": \"x\", \"text\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("{\"id\": \"ok\", \"text\": \"fine\"}\n".getBytes(StandardCharsets.UTF_8));
    b.write(bad);
    b.write('\n');
    read(write("latin1.jsonl", b.toByteArray()));
    assertEquals(1, docs.size());
    DeadLetter d = only("invalid_utf8");
    assertEquals("line 2", d.location());
    assertNotNull(d.rawBase64());
    assertTrue(Arrays.equals(bad, java.util.Base64.getDecoder().decode(d.rawBase64())));
  }

  @Test
  void crlfAndBomAreValidInput() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(bom);
    b.write(
        "{\"id\": \"a\", \"text\": \"one\"}\r\n{\"id\": \"b\", \"text\": \"two\"}\r\n"
            .getBytes(StandardCharsets.UTF_8));
    read(write("crlf.jsonl", b.toByteArray()));
    assertEquals(List.of(), dead);
    assertEquals(List.of("a", "b"), docs.stream().map(d -> d.id()).toList());
  }

  @Test
  void oversizedRecordIsDeadLetteredWithTruncatedRaw() throws IOException {
    String big = "x".repeat(10_000);
    read(
        write(
            "big.jsonl",
            "{\"id\": \"big\", \"text\": \"" + big + "\"}\n{\"id\": \"s\", \"text\": \"small\"}\n"),
        Map.of("max_doc_bytes", 1000));
    assertEquals(1, docs.size());
    DeadLetter d = only("too_large");
    assertTrue(d.rawTruncated() || d.raw().length() <= DeadLetter.MAX_RAW_BYTES);
    assertTrue(d.detail().contains("max_doc_bytes"), d.detail());
  }

  @Test
  void truncatedGzipKeepsWhatWasReadableAndDeadLettersTheRest() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(gz)) {
      for (int i = 0; i < 2000; i++) {
        o.write(
            ("{\"id\": \"g" + i + "\", \"text\": \"document number " + i + " with some words\"}\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] all = gz.toByteArray();
    read(write("cut.jsonl.gz", Arrays.copyOf(all, all.length / 2)));
    assertTrue(docs.size() > 100 && docs.size() < 2000, "kept " + docs.size());
    DeadLetter d = only("truncated_file");
    assertTrue(d.location().startsWith("byte "), d.location());
    assertTrue(d.detail().contains("records before it were kept"), d.detail());
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(gz)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return gz.toByteArray();
  }

  static String records(String prefix, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("{\"id\": \"").append(prefix).append(i).append("\", \"text\": \"words\"}\n");
    }
    return b.toString();
  }

  @Test
  void whatFollowsTheLastGzipMemberIsNeverDroppedSilently() throws IOException {
    byte[] first = gzip(records("a", 3));
    byte[] second = gzip(records("b", 3));
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    two.write(first);
    two.write(second);
    read(write("two.jsonl.gz", two.toByteArray()));
    assertEquals(6, docs.size(), "both members are read");
    assertEquals(List.of(), dead);
    // NUL padding after a member (some tools pad; gzip and Python accept it) is no damage
    docs.clear();
    ByteArrayOutputStream padded = new ByteArrayOutputStream();
    padded.write(first);
    padded.write(new byte[64]);
    padded.write(second);
    padded.write(new byte[512]);
    read(write("padded.jsonl.gz", padded.toByteArray()));
    assertEquals(6, docs.size(), dead.toString());
    assertEquals(List.of(), dead);

    // the second member damaged, or plain text after the first: the JDK's reader ignored both
    byte[] damaged = two.toByteArray();
    damaged[first.length] = 0;
    ByteArrayOutputStream garbage = new ByteArrayOutputStream();
    garbage.write(first);
    garbage.write(records("plain", 1).getBytes(StandardCharsets.UTF_8));
    for (byte[] file : List.of(damaged, garbage.toByteArray())) {
      docs.clear();
      dead.clear();
      read(write("tail.jsonl.gz", file));
      assertEquals(3, docs.size());
      DeadLetter d = only("corrupt_file");
      assertTrue(d.detail().contains("the 3 records before it were kept"), d.detail());
    }
  }

  @Test
  void compressionIsKnownByItsSignatureWhateverTheName() throws IOException {
    read(write("gz-named-plain.jsonl", gzip(records("g", 2))));
    assertEquals(2, docs.size(), dead.toString());
    byte[] bz2 = {'B', 'Z', 'h', '9', '1', 'A', 'Y', '&', 'S', 'Y', 0, 0};
    read(write("data.jsonl.bz2", bz2));
    DeadLetter d = only("unsupported_compression");
    assertTrue(d.detail().contains("bzip2"), d.detail());
    assertEquals(2, docs.size(), "no document from the bzip2 file");
  }

  @Test
  void aGzipHeaderChecksumIsVerified() throws IOException {
    // gzip -1 writes no FHCRC; RFC 1952 lets a member carry one: the CRC-16 of the header before it
    byte[] plain = gzip(records("h", 2));
    ByteArrayOutputStream withCrc = new ByteArrayOutputStream();
    byte[] header = Arrays.copyOf(plain, 10);
    header[3] |= 2; // FHCRC
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    c.update(header);
    withCrc.write(header);
    withCrc.write((int) c.getValue() & 0xFF);
    withCrc.write((int) (c.getValue() >>> 8) & 0xFF);
    withCrc.write(plain, 10, plain.length - 10);
    read(write("hcrc.jsonl.gz", withCrc.toByteArray()));
    assertEquals(2, docs.size(), dead.toString());
    assertEquals(List.of(), dead);

    byte[] wrong = withCrc.toByteArray();
    wrong[10] ^= 1;
    docs.clear();
    read(write("badhcrc.jsonl.gz", wrong));
    assertEquals(0, docs.size());
    DeadLetter d = only("corrupt_file");
    assertTrue(d.detail().contains("Corrupt GZIP header"), d.detail());
  }

  @Test
  void aGzipFileCutBeforeItsTrailerSaysWhatFailed() throws IOException {
    byte[] all = gzip(records("t", 3));
    read(write("notrailer.jsonl.gz", Arrays.copyOf(all, all.length - 8)));
    DeadLetter d = only("truncated_file");
    assertTrue(!d.detail().contains("null"), d.detail());
  }

  @Test
  void valuesTheShardsCannotHoldAreDeadLettersNotChangedOrCrashing() throws IOException {
    Path f =
        write(
            "values.jsonl",
            String.join(
                "\n",
                "{\"id\": \"big\", \"text\": \"a number beyond a double\", \"n\": 1e400}",
                "{\"id\": \"bigint\", \"text\": \"an integer beyond a double\", \"n\": 1"
                    + "0".repeat(400)
                    + "}",
                "{\"id\": \"deep\", \"text\": \"inside a list\", \"m\": {\"x\": [1, -1e999]}}",
                "{\"id\": \"\\ud800\", \"text\": \"half a character as id\"}",
                "{\"id\": \"\\udfff\", \"text\": \"the other half\"}",
                "{\"id\": \"url\", \"text\": \"half a character in a field\", \"url\": \"\\ud800x\"}",
                "{\"id\": \"key\", \"text\": \"in a key\", \"m\": {\"\\udc00\": 1}}",
                "{\"id\": \"fine\", \"text\": \"kept\", \"n\": 1e300, \"i\": 123456789012345678901234567890}",
                ""));
    read(f);
    assertEquals(List.of("fine"), docs.stream().map(Doc::id).toList(), dead.toString());
    assertEquals(
        List.of(
            "number_out_of_range",
            "number_out_of_range",
            "number_out_of_range",
            "lone_surrogate",
            "lone_surrogate",
            "lone_surrogate",
            "lone_surrogate"),
        dead.stream().map(DeadLetter::reason).toList());
    assertTrue(dead.get(2).detail().contains("field 'm'"), dead.get(2).detail());
    assertTrue(dead.get(3).detail().contains("'id'"), dead.get(3).detail());
    assertTrue(dead.get(5).detail().contains("field 'url'"), dead.get(5).detail());
    // with no field carried, only the id is checked
    docs.clear();
    dead.clear();
    read(f, Map.of("fields", "none"));
    assertEquals(6, docs.size(), dead.toString());
  }

  @Test
  void aStringLongerThanJacksonsDefaultLimitIsKeptUnderMaxDocBytes() throws IOException {
    String text = "word ".repeat(4_200_000); // 21 M chars: over Jackson's 20 M default
    read(
        write("long.jsonl", "{\"id\": \"long\", \"text\": \"" + text + "\"}\n"),
        Map.of("max_doc_bytes", 64 << 20));
    assertEquals(List.of(), dead);
    assertEquals(text.length(), docs.get(0).text().length());
  }

  @Test
  void zstdInputIsRead() throws IOException {
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (OutputStream o = new ZstdOutputStream(z)) {
      o.write("{\"id\": \"z\", \"text\": \"compressed\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    read(write("a.jsonl.zst", z.toByteArray()));
    assertEquals("compressed", docs.get(0).text());
  }

  @Test
  void emptyAndUnreadableFilesAreDeadLetters() throws IOException {
    read(write("empty.jsonl", new byte[0]));
    only("empty_file");
    dead.clear();
    read(write("blank.jsonl", "\n  \n\n"));
    only("empty_file");
    dead.clear();
    Path link = dir.resolve("dangling.jsonl");
    Files.createSymbolicLink(link, dir.resolve("does-not-exist"));
    read(link);
    only("unreadable_file");
    assertEquals(List.of(), docs);
  }

  @Test
  void textFilesAsOneDocumentOrOnePerBlock() throws IOException {
    Path f =
        write("story.txt", "First block line one.\nline two.\n\n\nSecond block.\r\n\r\nThird.\n");
    read(f, Map.of("format", "text"));
    assertEquals(1, docs.size());
    assertEquals(f + "#f1", docs.get(0).id());
    docs.clear();
    read(f, Map.of("format", "text", "text_mode", "paragraph"));
    assertEquals(
        List.of("First block line one.\nline two.", "Second block.", "Third."),
        docs.stream().map(d -> d.text()).toList());
    assertEquals("block 2", docs.get(1).location());
  }

  @Test
  void parquetInputByNamedColumn() throws IOException {
    Schema s =
        SchemaBuilder.record("R")
            .fields()
            .requiredString("doc_id")
            .optionalString("body")
            .endRecord();
    Path f = dir.resolve("in.parquet");
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(f))
            .withSchema(s)
            .withConf(new PlainParquetConfiguration())
            .build()) {
      for (String[] row : new String[][] {{"p1", "parquet text"}, {"p2", null}}) {
        GenericRecord r = new GenericData.Record(s);
        r.put("doc_id", row[0]);
        r.put("body", row[1]);
        w.write(r);
      }
    }
    read(f, Map.of("format", "parquet", "id_field", "doc_id", "text_field", "body"));
    assertEquals(List.of("p1"), docs.stream().map(d -> d.id()).toList());
    assertEquals("row 2", only("missing_text").location());
    dead.clear();
    docs.clear();
    read(f, Map.of("format", "parquet", "text_field", "content"));
    only("missing_column");
    dead.clear();
    read(write("garbage.parquet", "this is not parquet at all"), Map.of("format", "parquet"));
    only("corrupt_file");
  }
}
