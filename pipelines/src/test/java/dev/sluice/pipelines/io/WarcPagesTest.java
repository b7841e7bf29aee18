package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.quality.html.HtmlRejected;
import dev.sluice.quality.html.MainText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/** The rules for one record: WET text as it is, HTTP status and type, binary, encodings, rejected pages. */
class WarcPagesTest {
  @TempDir Path dir;
  static final Instant WHEN = Instant.parse("2026-11-30T12:00:00Z");

  /** A page any main-text extractor keeps: an article of a few paragraphs of prose. */
  static final String PAGE =
      "<html><head><title>Lighthouses</title></head><body><article><h1>Lighthouses of the north coast</h1>"
          + "<p>The first lighthouse on this stretch of coast was built in 1791, after a winter in which three"
          + " ships were lost on the rocks below the headland. Its light was a coal fire in an iron basket.</p>"
          + "<p>In 1836 the fire was replaced by oil lamps and mirrors, and the keepers moved into a stone"
          + " cottage beside the tower, where they kept a log of every ship that passed in the night.</p>"
          + "<p>The light was automated in 1989. The cottage is now a small museum that is open to visitors"
          + " on weekends from April to October, and the log books can be read in its reading room.</p>"
          + "</article></body></html>";

  Path warc(String name, WarcRecord... records) throws IOException {
    return warc(dir, name, records);
  }

  /** {@code dir/name}: the records, one gzip member each. */
  static Path warc(Path dir, String name, WarcRecord... records) throws IOException {
    Path p = dir.resolve(name);
    try (WarcWriter w =
        new WarcWriter(
            Files.newByteChannel(
                p,
                java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE),
            WarcCompression.GZIP)) {
      for (WarcRecord r : records) w.write(r);
    }
    return p;
  }

  static WarcResponse response(String url, String head, byte[] body) {
    byte[] header =
        ("HTTP/1.1 " + head + "\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[header.length + body.length];
    System.arraycopy(header, 0, all, 0, header.length);
    System.arraycopy(body, 0, all, header.length, body.length);
    return new WarcResponse.Builder(url).date(WHEN).body(MediaType.HTTP_RESPONSE, all).build();
  }

  static WarcResponse html(String url, String status, String page) {
    return response(
        url,
        status + "\r\nContent-Type: text/html; charset=utf-8",
        page.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void wetConversionRecordsAreUsedAsTheyAre() throws IOException {
    String text = "Already extracted.\n\nSecond paragraph, with <angle> brackets kept.";
    WarcConversion wet =
        new WarcConversion.Builder()
            .setHeader("WARC-Target-URI", "https://Example.ORG./a?b=1")
            .date(WHEN)
            .body(MediaType.PLAIN_TEXT, text.getBytes(StandardCharsets.UTF_8))
            .build();
    WarcFormatTest.Read r = WarcFormatTest.read(warc("crawl.warc.wet.gz", wet));
    assertEquals(1, r.docs().size(), r.dead().toString());
    assertEquals(text, r.docs().get(0).text());
    assertEquals("https://Example.ORG./a?b=1", WarcFormatTest.value(r.docs().get(0), "url"));
    assertEquals("example.org", WarcFormatTest.value(r.docs().get(0), "domain"));
    assertEquals("2026-11-30T12:00:00Z", WarcFormatTest.value(r.docs().get(0), "fetch_time"));
  }

  @Test
  void statusTypeAndBinaryAreSkipsByRule() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    Path p =
        warc(
            "rules.warc.gz",
            html("http://a.test/ok", "200 OK", PAGE),
            html("http://a.test/gone", "404 Not Found", PAGE),
            html("http://a.test/moved", "301 Moved Permanently", PAGE),
            response(
                "http://a.test/style.css",
                "200 OK\r\nContent-Type: text/css",
                "p{}".getBytes(StandardCharsets.UTF_8)),
            response("http://a.test/fake.html", "200 OK\r\nContent-Type: text/html", png),
            new WarcResource.Builder(URI.create("http://a.test/r.html"))
                .date(WHEN)
                .body(MediaType.HTML, PAGE.getBytes(StandardCharsets.UTF_8))
                .build());
    WarcFormatTest.Read r = WarcFormatTest.read(p);
    assertEquals(List.of("http://a.test/ok", "http://a.test/r.html"), r.urls());
    assertEquals(
        Map.of("status_404", 1L, "status_301", 1L, "non_html", 1L, "binary", 1L), r.skipped());
    assertEquals(List.of(), r.dead());
  }

  static byte[] withBom(byte[] bom, String text, java.nio.charset.Charset cs) {
    byte[] body = text.getBytes(cs);
    byte[] all = java.util.Arrays.copyOf(bom, bom.length + body.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    return all;
  }

  @Test
  void utf16PagesWithAByteOrderMarkAreDocuments() throws IOException {
    WarcFormatTest.Read r =
        WarcFormatTest.read(
            warc(
                "utf16.warc.gz",
                response(
                    "http://a.test/le",
                    "200 OK\r\nContent-Type: text/html",
                    withBom(
                        new byte[] {(byte) 0xFF, (byte) 0xFE}, PAGE, StandardCharsets.UTF_16LE)),
                response(
                    "http://a.test/be",
                    "200 OK\r\nContent-Type: text/html",
                    withBom(
                        new byte[] {(byte) 0xFE, (byte) 0xFF}, PAGE, StandardCharsets.UTF_16BE))));
    assertEquals(List.of("http://a.test/le", "http://a.test/be"), r.urls(), r.skipped().toString());
    assertEquals(List.of(), r.dead());
    for (var d : r.docs())
      assertTrue(d.text().contains("The light was automated in 1989."), d.text());
  }

  @Test
  void binaryLabelledHtmlIsAlwaysASkipNeverADeadLetter() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    byte[] woff = "wOFFOTTO\u0001\u0002 some font tables".getBytes(StandardCharsets.ISO_8859_1);
    byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(PAGE.getBytes(StandardCharsets.UTF_8));
    }
    String head = "200 OK\r\nContent-Type: text/html";
    WarcFormatTest.Read r =
        WarcFormatTest.read(
            warc(
                "binary.warc.gz",
                response("http://a.test/png", head, png),
                response("http://a.test/woff", head, woff),
                response("http://a.test/pdf", head, pdf),
                response("http://a.test/gz", head, gz.toByteArray())));
    assertEquals(List.of(), r.docs());
    assertEquals(List.of(), r.dead(), "binary is counted by rule, not dead-lettered");
    assertEquals(Map.of("binary", 4L), r.skipped());
  }

  @Test
  void pagesUpToTheTooLargeLimitAreExtracted() throws IOException {
    // 9 MiB of script (over the extractor's own 8 MiB default, under the 16 MiB too_large limit)
    // and an article
    String big =
        PAGE.replace("</head>", "<script>var x = \"" + "a".repeat(9 << 20) + "\";</script></head>");
    WarcFormatTest.Read r =
        WarcFormatTest.read(warc("big.warc.gz", html("http://a.test/big", "200 OK", big)));
    assertEquals(List.of(), r.dead(), "no too_large below the limit the manifest states");
    assertEquals(List.of("http://a.test/big"), r.urls());
    assertTrue(r.docs().get(0).text().contains("The light was automated in 1989."));
  }

  @Test
  void gzipContentEncodingIsDecodedAndABrokenOneIsADeadLetter() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(PAGE.getBytes(StandardCharsets.UTF_8));
    }
    byte[] good = gz.toByteArray();
    byte[] broken = java.util.Arrays.copyOf(good, good.length / 2);
    String head = "200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip";
    WarcFormatTest.Read r =
        WarcFormatTest.read(
            warc(
                "enc.warc.gz",
                response("http://a.test/gz", head, good),
                response("http://a.test/bad", head, broken)));
    assertEquals(List.of("http://a.test/gz"), r.urls());
    assertEquals(1, r.dead().size());
    DeadLetter d = r.dead().get(0);
    assertEquals("parse", d.stage());
    assertEquals("bad_content_encoding", d.reason(), d.detail());
  }

  @Test
  void aPageTheExtractorRejectsIsADeadLetterWithItsReason() throws IOException {
    String blank = "  \n\t ";
    HtmlRejected expected =
        assertThrows(
            HtmlRejected.class,
            () -> new MainText().extract(blank.getBytes(StandardCharsets.UTF_8), "text/html"));
    WarcFormatTest.Read r =
        WarcFormatTest.read(warc("empty.warc.gz", html("http://a.test/e", "200 OK", blank)));
    assertEquals(List.of(), r.docs());
    assertEquals(1, r.dead().size());
    assertEquals(expected.reason(), r.dead().get(0).reason());
    assertEquals("parse", r.dead().get(0).stage());
    assertTrue(r.dead().get(0).location().startsWith("offset "), r.dead().get(0).location());
  }

  @Test
  void aPageOfOnlyNavigationIsSkippedByRuleNotDeadLettered() throws IOException {
    String nav =
        "<html><head><title>Index</title></head><body><nav><ul><li><a href=/a>A</a></li>"
            + "<li><a href=/b>B</a></li></ul></nav></body></html>";
    WarcFormatTest.Read r =
        WarcFormatTest.read(warc("nav.warc.gz", html("http://a.test/n", "200 OK", nav)));
    assertEquals(List.of(), r.docs());
    assertEquals(List.of(), r.dead());
    assertEquals(1L, r.skipped().get("no_main_text"), r.skipped().toString());
  }

  @Test
  void aFileOfOnlySkippedRecordsIsNotAnEmptyFile() throws IOException {
    WarcFormatTest.Read r =
        WarcFormatTest.read(
            warc(
                "css.warc.gz",
                response(
                    "http://a.test/style.css",
                    "200 OK\r\nContent-Type: text/css",
                    "p{}".getBytes(StandardCharsets.UTF_8))));
    assertEquals(List.of(), r.dead());
    assertEquals(Map.of("non_html", 1L), r.skipped());
  }

  @Test
  void domainsComeFromTheHost() {
    assertEquals("www.example.com", WarcPages.domain("http://WWW.Example.com:8080/x"));
    assertEquals("xn--bcher-kva.example", WarcPages.domain("https://xn--bcher-kva.example/"));
    assertEquals("example.com", WarcPages.domain("http://example.com/a b|c"));
    assertNull(WarcPages.domain("urn:uuid:1234"));
    // URIs java.net.URI refuses: the host is read by hand, and only a well-formed one is a domain
    assertEquals("[::1]", WarcPages.domain("http://[::1]:8080/a b"));
    assertEquals("user.example", WarcPages.domain("http://me@User.Example./a b"));
    assertEquals("bücher.example", WarcPages.domain("http://bücher.example/a b"));
    assertEquals("bücher.example", WarcPages.domain("http://Bücher.example/"));
    assertNull(WarcPages.domain("http://[::1 has spaces/"), "an unclosed IPv6 literal");
    assertNull(WarcPages.domain("http://exa mple.com/"), "a space inside the host");
    assertNull(WarcPages.domain("http://a]b.example/ x"));
  }
}
