package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warc format on a real crawl (samples/web/apache-manual.warc.gz, made by bin/make-sample-warc: wget crawling
 * the Apache manual) as it is, re-compressed, and damaged in the middle; the extractor's text is not judged here.
 */
class WarcFormatTest {
  static final Path SAMPLE = Path.of("../samples/web/apache-manual.warc.gz");
  @TempDir Path dir;

  /** What one file read gave. */
  record Read(List<Doc> docs, List<DeadLetter> dead, Map<String, Long> skipped) {
    long records() {
      return docs.size() + dead.size() + skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    List<String> urls() {
      return docs.stream().map(d -> WarcFormatTest.value(d, "url")).toList();
    }

    /** Dead letters of reading the WARC itself (damaged records), not of the pages' text. */
    List<DeadLetter> damaged() {
      return dead.stream().filter(d -> d.stage().equals("read")).toList();
    }

    /** Pages the extractor or the text checks turned down: what they are is the extractor's business. */
    long rejectedPages() {
      return dead.stream().filter(d -> d.stage().equals("parse")).count();
    }
  }

  static Read read(Path file, Map<String, Object> extra) {
    Map<String, Object> m = new HashMap<>(extra);
    m.put("path", file.toString());
    m.put("format", "warc");
    Read r = new Read(new ArrayList<>(), new ArrayList<>(), new TreeMap<>());
    new FileReader(InputSettings.from(m))
        .read(file.toString(), r.docs::add, r.dead::add, k -> r.skipped.merge(k, 1L, Long::sum));
    return r;
  }

  static Read read(Path file) {
    return read(file, Map.of());
  }

  static String value(Doc d, String field) {
    int i = d.input().indexOf(field);
    return i < 0 ? null : new String(d.input().value(i), StandardCharsets.UTF_8);
  }

  static long count(Path gz, String line) throws IOException {
    String all = new String(gunzip(Files.readAllBytes(gz)), StandardCharsets.ISO_8859_1);
    return all.lines().filter(l -> l.equals(line)).count();
  }

  @Test
  void aRealCrawlGivesOneDocumentPerHtmlPageAndCountsEverythingElse() throws IOException {
    Read r = read(SAMPLE);
    assertEquals(List.of(), r.damaged());
    long records = count(SAMPLE, "WARC/1.1") + count(SAMPLE, "WARC/1.0");
    assertEquals(records, r.records(), "every record is a document, a dead letter or a skip");
    assertEquals(count(SAMPLE, "WARC-Type: request"), r.skipped.get("request"));
    assertEquals(1L, r.skipped.get("warcinfo"));
    assertTrue(r.skipped.get("status_404") >= 2, "the crawl's 404s: " + r.skipped);
    assertTrue(
        r.skipped.get("status_301") >= 1, "http.server's redirect of /manual/en: " + r.skipped);
    assertTrue(r.skipped.get("non_html") >= 5, "CSS, images, wget's log resources: " + r.skipped);
    // docs/web.md's sample manifest: two pages of the manual are all navigation
    assertEquals(2L, r.skipped.get("no_main_text"), r.skipped.toString());
    assertTrue(
        r.docs.size() + r.rejectedPages() >= 45, "the English manual's pages: " + r.docs.size());
    assertTrue(r.docs.size() >= 30, "most pages have text: " + r.dead);
    for (Doc d : r.docs) {
      String url = value(d, "url");
      // pages, and /manual/en/ (the target of http.server's redirect: the index again)
      assertTrue(url.matches("http://localhost:8765/manual/en/([a-z0-9_/.-]+\\.html)?"), url);
      assertEquals("localhost", value(d, "domain"));
      assertTrue(value(d, "fetch_time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
      assertTrue(value(d, "warc_record_id").startsWith("urn:uuid:"));
      assertEquals(value(d, "warc_record_id"), d.id());
      assertFalse(d.text().contains("<p>") || d.text().contains("<div"), "text, not markup");
    }
    assertEquals(r.docs.size(), r.urls().stream().distinct().count(), "one document per page");
  }

  @Test
  void uncompressedAndWholeFileGzipGiveTheSameDocuments() throws IOException {
    Read perRecord = read(SAMPLE);
    byte[] plain = gunzip(Files.readAllBytes(SAMPLE));
    Path warc = Files.write(dir.resolve("crawl.warc"), plain);
    Path whole = Files.write(dir.resolve("crawl-whole.warc.gz"), gzip(plain));
    for (Path p : List.of(warc, whole)) {
      Read r = read(p);
      assertEquals(List.of(), r.damaged(), p.toString());
      assertEquals(perRecord.rejectedPages(), r.rejectedPages(), p.toString());
      assertEquals(perRecord.urls(), r.urls(), p.toString());
      assertEquals(perRecord.skipped, r.skipped, p.toString());
      assertEquals(perRecord.docs.get(3).text(), r.docs.get(3).text());
    }
    // uncompressed offsets are the records' own bytes
    Doc d = read(warc).docs.get(5);
    String at = new String(plain, (int) d.pos(), 9, StandardCharsets.US_ASCII);
    assertEquals("WARC/1.0\r", at); // wget writes WARC 1.0
  }

  @Test
  void aCorruptRecordInTheMiddleIsOneDeadLetterAndReadingGoesOn() throws IOException {
    Read clean = read(SAMPLE);
    Doc victim = clean.docs.get(clean.docs.size() / 2);
    byte[] bytes = Files.readAllBytes(SAMPLE);
    int at = (int) victim.pos();
    for (int i = at + 40; i < at + 240; i++) bytes[i] ^= 0x5A; // inside the member's deflate data
    Read r = read(Files.write(dir.resolve("corrupt.warc.gz"), bytes));
    assertEquals(1, r.damaged().size(), r.dead.toString());
    assertEquals(clean.rejectedPages(), r.rejectedPages());
    DeadLetter d = r.damaged().get(0);
    assertEquals("read", d.stage());
    assertEquals("corrupt_record", d.reason(), d.detail());
    assertEquals(at, d.pos());
    assertEquals("byte " + at, d.location());
    assertTrue(d.source().endsWith("corrupt.warc.gz"));
    List<String> expected = new ArrayList<>(clean.urls());
    expected.remove(value(victim, "url"));
    assertEquals(expected, r.urls(), "every other page, the ones after the damage included");
    assertEquals(clean.skipped, r.skipped);
  }

  @Test
  void aTruncatedFileKeepsTheRecordsBeforeAndDeadLettersTheCutOne() throws IOException {
    Read clean = read(SAMPLE);
    Doc cut = clean.docs.get(clean.docs.size() / 2);
    byte[] bytes = Files.readAllBytes(SAMPLE);
    Path p = Files.write(dir.resolve("cut.warc.gz"), Arrays.copyOf(bytes, (int) cut.pos() + 300));
    Read r = read(p);
    assertEquals(1, r.damaged().size(), r.dead.toString());
    assertEquals("truncated_record", r.damaged().get(0).reason(), r.damaged().get(0).detail());
    assertEquals(cut.pos(), r.damaged().get(0).pos());
    assertEquals(clean.urls().subList(0, clean.docs.size() / 2), r.urls());
  }

  @Test
  void bytesCutFromTheMiddleOfAnUncompressedWarcAreDeadLetteredAndLaterRecordsRead()
      throws IOException {
    byte[] plain = gunzip(Files.readAllBytes(SAMPLE));
    Read clean = read(Files.write(dir.resolve("clean.warc"), plain));
    Doc victim = clean.docs.get(clean.docs.size() / 2);
    int at = (int) victim.pos() + 500;
    ByteArrayOutputStream damaged = new ByteArrayOutputStream();
    damaged.write(plain, 0, at);
    damaged.write(plain, at + 2000, plain.length - at - 2000); // 2,000 bytes of the page are gone
    Read r = read(Files.write(dir.resolve("damaged.warc"), damaged.toByteArray()));
    assertFalse(r.damaged().isEmpty());
    assertEquals(victim.pos(), r.damaged().get(0).pos(), r.damaged().get(0).detail());
    assertFalse(r.urls().contains(value(victim, "url")));
    String last = clean.urls().get(clean.urls().size() - 1);
    assertTrue(r.urls().contains(last), "pages after the damage are read");
    assertTrue(r.docs.size() >= clean.docs.size() - 2, r.docs.size() + " of " + clean.docs.size());
  }

  /** One response record as raw bytes: a Content-Length {@code short} bytes too small, a trailer as given. */
  static byte[] rawRecord(int n, int shortBy, String trailer) {
    String page =
        "<html><body><article><p>"
            + ("Record number " + n + " tells of a harbour town whose boats went out at dawn. ")
                .repeat(8)
            + "</p></article></body></html>";
    String http =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
            + page.length()
            + "\r\n\r\n"
            + page;
    String head =
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000"
            + n
            + ">\r\nWARC-Date: 2026-11-30T12:00:00Z\r\nWARC-Target-URI: http://a.test/"
            + n
            + "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: "
            + (http.length() - shortBy)
            + "\r\n\r\n";
    return (head + http + trailer).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Records 0..3 gzipped one member each, record 1 damaged as given; the offsets of the members. */
  Read perRecordWithDamagedSecond(String name, int shortBy, String trailer, List<Long> starts)
      throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (int i = 0; i < 4; i++) {
      starts.add((long) file.size());
      file.write(gzip(i == 1 ? rawRecord(i, shortBy, trailer) : rawRecord(i, 0, "\r\n\r\n")));
    }
    return read(Files.write(dir.resolve(name), file.toByteArray()));
  }

  @Test
  void aShortContentLengthBlamesItsOwnRecordAndKeepsTheNextOnes() throws IOException {
    List<Long> starts = new ArrayList<>();
    Read r = perRecordWithDamagedSecond("short.warc.gz", 5, "\r\n\r\n", starts);
    assertEquals(1, r.damaged().size(), r.dead.toString());
    assertEquals(starts.get(1), r.damaged().get(0).pos(), r.damaged().get(0).detail());
    assertEquals(List.of("http://a.test/0", "http://a.test/2", "http://a.test/3"), r.urls());
    assertEquals(starts.get(2), r.docs.get(1).pos());
    assertEquals(starts.get(3), r.docs.get(2).pos());
  }

  @Test
  void aRecordCutInsideItsBlockBlamesItselfAndTheRecordsItRanIntoAreRead() throws IOException {
    // record 1 loses its last 150 bytes but keeps its Content-Length: read as declared, it runs on
    // into record 2, which was lost, or record 1 kept with record 2's header in its text
    for (boolean gz : new boolean[] {false, true}) {
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      List<Long> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starts.add((long) file.size());
        byte[] rec = rawRecord(i, 0, "\r\n\r\n");
        if (i == 1) rec = Arrays.copyOf(rec, rec.length - 150);
        file.write(gz ? gzip(rec) : rec);
      }
      Read r =
          read(
              Files.write(
                  dir.resolve("cut" + gz + (gz ? ".warc.gz" : ".warc")), file.toByteArray()));
      assertEquals(1, r.damaged().size(), r.dead.toString());
      DeadLetter d = r.damaged().get(0);
      assertEquals("truncated_record", d.reason(), d.detail());
      assertEquals(starts.get(1), d.pos(), d.detail());
      assertEquals(List.of("http://a.test/0", "http://a.test/2", "http://a.test/3"), r.urls());
      assertEquals(starts.get(2), r.docs.get(1).pos());
    }
  }

  @Test
  void aRecordCutInsideAWholeFileGzipIsADeadLetterNotADocumentWithTheNextHeaderInIt()
      throws IOException {
    // record 1 loses its last 150 bytes but keeps its Content-Length, inside one gzip member: read
    // as declared it runs on into record 2, which cannot be resumed inside the member. Record 1
    // was kept with record 2's header in its text; now it is the dead letter, and nothing after it
    // is a document
    for (int cut : new int[] {150, 0, -150}) {
      int damaged = cut < 0 ? 0 : 1; // the first record too: its offset is the member's own
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      for (int i = 0; i < 4; i++) {
        byte[] rec = rawRecord(i, 0, "\r\n\r\n");
        if (i == damaged) rec = Arrays.copyOf(rec, rec.length - Math.abs(cut));
        plain.write(rec);
      }
      Read r = read(Files.write(dir.resolve("cut-whole.warc.gz"), gzip(plain.toByteArray())));
      if (cut == 0) {
        assertEquals(List.of(), r.dead, "the undamaged file reads whole");
        assertEquals(4, r.docs.size());
        continue;
      }
      assertEquals(
          damaged == 0 ? List.of() : List.of("http://a.test/0"),
          r.urls(),
          "no document after the damage");
      assertTrue(
          r.docs.stream().noneMatch(d -> d.text().contains("WARC/1.1")),
          "no record's header inside a document's text");
      assertEquals(1, r.damaged().size(), r.dead.toString());
      DeadLetter d = r.damaged().get(0);
      assertTrue(d.detail().contains("cannot be resumed"), d.detail());
      if (damaged == 1) assertTrue(r.docs.get(0).pos() < d.pos(), d.detail());
      assertEquals(damaged + 1, r.records(), "the documents and the one dead letter for the rest");
    }
  }

  @Test
  void aShortTrailerIsToleratedAndADamagedOneBlamesItsOwnRecord() throws IOException {
    for (String trailer : List.of("", "\r", "\r\n")) {
      Read r =
          perRecordWithDamagedSecond(
              "short" + trailer.length() + ".warc.gz", 0, trailer, new ArrayList<>());
      assertEquals(List.of(), r.dead, "jwarc reads a record whose trailer is short");
      assertEquals(4, r.docs.size());
    }
    List<Long> starts = new ArrayList<>();
    Read r = perRecordWithDamagedSecond("trailer.warc.gz", 0, "\r\nxx\r\n\r\n", starts);
    assertEquals(1, r.damaged().size(), r.dead.toString());
    assertEquals(starts.get(1), r.damaged().get(0).pos(), r.damaged().get(0).detail());
    assertEquals(List.of("http://a.test/0", "http://a.test/2", "http://a.test/3"), r.urls());
    assertEquals(starts.get(2), r.docs.get(1).pos());
  }

  @Test
  void recordsWithoutARecordIdGetDistinctPositionBasedIds() throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ByteArrayOutputStream perRecord = new ByteArrayOutputStream();
    for (int i = 0; i < 3; i++) {
      byte[] rec =
          new String(rawRecord(i, 0, "\r\n\r\n"), StandardCharsets.ISO_8859_1)
              .replaceFirst("WARC-Record-ID: [^\r]*\r\n", "")
              .getBytes(StandardCharsets.ISO_8859_1);
      plain.write(rec);
      perRecord.write(gzip(rec));
    }
    for (Path p :
        List.of(
            Files.write(dir.resolve("noid.warc"), plain.toByteArray()),
            Files.write(dir.resolve("noid.warc.gz"), perRecord.toByteArray()),
            Files.write(dir.resolve("noid-whole.warc.gz"), gzip(plain.toByteArray())))) {
      Read r = read(p);
      assertEquals(List.of(), r.dead, p.toString());
      assertEquals(3, r.docs.size(), p.toString());
      List<String> ids = r.docs.stream().map(Doc::id).toList();
      assertEquals(3, ids.stream().distinct().count(), ids.toString());
      for (String id : ids) assertTrue(id.startsWith(p.toString() + "#"), id);
    }
  }

  @Test
  void everyRecordOfAWholeFileGzipHasAPositionOfItsOwn() throws IOException {
    // a record is known by (file, position) in the duplicate-id check: repeated positions once
    // failed the run, or dead-lettered the wrong record
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    for (int i = 0; i < 6; i++) plain.write(rawRecord(i, 0, "\r\n\r\n"));
    Read r = read(Files.write(dir.resolve("whole.warc.gz"), gzip(plain.toByteArray())));
    assertEquals(6, r.docs.size(), r.dead.toString());
    List<Long> pos = r.docs.stream().map(Doc::pos).toList();
    for (int i = 1; i < pos.size(); i++) assertTrue(pos.get(i) > pos.get(i - 1), pos.toString());
  }

  @Test
  void aResponseWithoutContentLengthHasItsBodyRunToTheEndOfTheBlock() throws IOException {
    // HTTP/1.0 and Connection: close responses, common in real crawls, were dead-lettered
    String rec = new String(rawRecord(0, 0, "\r\n\r\n"), StandardCharsets.ISO_8859_1);
    int http = rec.indexOf("HTTP/1.1 200 OK");
    int length = rec.indexOf("Content-Length: ", http);
    String header = rec.substring(length, rec.indexOf("\r\n", length) + 2);
    String block =
        rec.substring(http, rec.length() - 4).replace(header, "").replace("HTTP/1.1", "HTTP/1.0");
    assertTrue(!block.contains("Content-Length"), block);
    String withoutLength =
        rec.substring(0, http)
                .replaceFirst("Content-Length: \\d+", "Content-Length: " + block.length())
            + block
            + "\r\n\r\n";
    Path f =
        Files.write(
            dir.resolve("nolength.warc.gz"),
            gzip(withoutLength.getBytes(StandardCharsets.ISO_8859_1)));
    Read r = read(f);
    assertEquals(List.of(), r.dead, r.dead.toString());
    assertEquals(List.of("http://a.test/0"), r.urls());
    assertTrue(
        r.docs.get(0).text().startsWith("Record number 0 tells of a harbour town"),
        r.docs.get(0).text());
  }

  @Test
  void aRecordThatFailsToConvertIsItsOwnDeadLetterAndReadingGoesOn() throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    for (int i = 0; i < 3; i++) {
      String rec = new String(rawRecord(i, 0, "\r\n\r\n"), StandardCharsets.ISO_8859_1);
      // a WARC-Truncated reason jwarc does not know: its enum lookup throws, the record is read to
      // its end
      if (i == 1) rec = rec.replace("WARC-Date:", "WARC-Truncated: sideways\r\nWARC-Date:");
      plain.write(rec.getBytes(StandardCharsets.ISO_8859_1));
    }
    for (Path p :
        List.of(
            Files.write(dir.resolve("fails.warc"), plain.toByteArray()),
            Files.write(dir.resolve("fails-whole.warc.gz"), gzip(plain.toByteArray())))) {
      Read r = read(p);
      assertEquals(List.of("http://a.test/0", "http://a.test/2"), r.urls(), r.dead.toString());
      assertEquals(1, r.dead.size(), r.dead.toString());
      assertEquals("record_failed", r.dead.get(0).reason(), r.dead.get(0).detail());
    }
  }

  @Test
  void warcCannotBeReadWhereSkipsAreNotCounted() {
    Map<String, Object> m = new HashMap<>();
    m.put("path", SAMPLE.toString());
    m.put("format", "warc");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> new FileReader(InputSettings.from(m)).read(SAMPLE.toString(), d -> {}, d -> {}));
    assertTrue(e.getMessage().contains("format warc"), e.getMessage());
  }

  @Test
  void inputFieldsNoneCarriesNoColumns() {
    Read r = read(SAMPLE, Map.of("fields", "none"));
    assertTrue(r.docs.size() > 0);
    assertTrue(r.docs.stream().allMatch(d -> d.input().size() == 0));
  }

  static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(b)) {
      out.write(plain);
    }
    return b.toByteArray();
  }
}
