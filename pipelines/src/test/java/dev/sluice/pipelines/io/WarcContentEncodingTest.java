package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.model.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP bodies with a Content-Encoding: Brotli ({@code br}, a real page compressed by the reference encoder, see
 * src/test/resources/warc/README.md) is decoded like gzip, a broken body of either is a dead letter, and a body
 * that decodes to more than the block limit is {@code too_large} whatever its encoding (a decompression bomb).
 */
class WarcContentEncodingTest {
  @TempDir Path dir;
  static final String HTML = "200 OK\r\nContent-Type: text/html; charset=utf-8";

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = WarcContentEncodingTest.class.getResourceAsStream("/warc/" + name)) {
      if (in == null) throw new IOException("no test resource /warc/" + name);
      return in.readAllBytes();
    }
  }

  /** The raw HTML of one page of samples/html/apache-manual.jsonl. */
  static byte[] samplePage(String id) throws IOException {
    Path root = Path.of(System.getProperty("sluice.root", ".."));
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(root.resolve("samples/html/apache-manual.jsonl"))) {
      JsonNode row = json.readTree(line);
      if (row.path("id").asText().equals(id))
        return row.path("html").asText().getBytes(StandardCharsets.UTF_8);
    }
    throw new IOException(id + " is not in samples/html/apache-manual.jsonl");
  }

  @Test
  void brotliBodiesAreDecodedAndABrokenOneIsADeadLetter() throws IOException {
    byte[] br = fixture("apache-en-dns-caveats.html.br");
    byte[] page = samplePage("apache-en-dns-caveats.html");
    String encoded = HTML + "\r\nContent-Encoding: br";
    WarcFormatTest.Read r =
        WarcFormatTest.read(
            WarcPagesTest.warc(
                dir,
                "br.warc.gz",
                WarcPagesTest.response("http://a.test/br", encoded, br),
                WarcPagesTest.response("http://a.test/plain", HTML, page),
                WarcPagesTest.response(
                    "http://a.test/broken", encoded, Arrays.copyOf(br, br.length / 2))));
    assertEquals(List.of("http://a.test/br", "http://a.test/plain"), r.urls());
    String text = r.docs().get(0).text();
    assertEquals(r.docs().get(1).text(), text, "the page's text, as from its plain copy");
    assertTrue(
        text.contains("In order for the server to function properly, it absolutely needs"), text);
    assertEquals(1, r.dead().size());
    DeadLetter d = r.dead().get(0);
    assertEquals("parse", d.stage());
    assertEquals("bad_content_encoding", d.reason(), d.detail());
    assertTrue(d.detail().contains("Content-Encoding br"), d.detail());
  }

  @Test
  void aDecompressionBombIsTooLargeWhateverItsEncoding() throws IOException {
    byte[] brBomb = fixture("bomb-17mib.html.br");
    assertTrue(brBomb.length < 100, "49 bytes that decode to 17 MiB");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("<html><body><p>".getBytes(StandardCharsets.UTF_8));
      byte[] spaces = new byte[1 << 20];
      Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 17; i++) out.write(spaces);
      out.write("</p></body></html>".getBytes(StandardCharsets.UTF_8));
    }
    WarcFormatTest.Read r =
        WarcFormatTest.read(
            WarcPagesTest.warc(
                dir,
                "bombs.warc.gz",
                WarcPagesTest.response(
                    "http://a.test/br", HTML + "\r\nContent-Encoding: br", brBomb),
                WarcPagesTest.response(
                    "http://a.test/gz", HTML + "\r\nContent-Encoding: gzip", gz.toByteArray())));
    assertEquals(List.of(), r.docs());
    assertEquals(2, r.dead().size());
    for (DeadLetter d : r.dead()) {
      assertEquals("too_large", d.reason(), d.detail());
      assertTrue(d.detail().contains(String.valueOf(16 << 20)), d.detail());
    }
  }
}
