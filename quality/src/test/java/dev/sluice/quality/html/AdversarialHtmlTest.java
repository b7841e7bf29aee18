package dev.sluice.quality.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile input: each case is a counted rejection or a normal extraction, never a crash or a hang. */
class AdversarialHtmlTest {
  private static final String PROSE =
      "<p>The council met on Tuesday and agreed, after a long debate, that the library would stay open on"
          + " Sundays for at least another year.</p>";

  private static String reject(byte[] body, String contentType, HtmlLimits limits) {
    HtmlRejected r =
        assertThrows(HtmlRejected.class, () -> new MainText(limits).extract(body, contentType));
    assertTrue(HtmlRejected.REASONS.contains(r.reason()));
    assertTrue(!r.detail().isEmpty());
    return r.reason();
  }

  private static String reject(byte[] body) {
    return reject(body, "text/html", HtmlLimits.defaults());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void hundredThousandNestedDivsAreTooDeep() {
    String bomb = "<html><body>" + "<div>".repeat(100_000) + PROSE + "</body></html>";
    assertEquals(HtmlRejected.TOO_DEEP, reject(utf8(bomb)));
  }

  @Test
  void nestingJustInsideTheLimitIsExtracted() throws HtmlRejected {
    String deep = "<html><body>" + "<div>".repeat(200) + PROSE + "</body></html>";
    assertTrue(new MainText().extract(utf8(deep), null).text().startsWith("The council met"));
  }

  @Test
  void megabyteAttributesCostOneParse() throws HtmlRejected {
    String huge = "x".repeat(1 << 20);
    String html =
        "<html><body><div class='"
            + huge
            + "' data-blob='"
            + huge
            + "'>"
            + PROSE
            + "</div>"
            + "<img src='data:image/png;base64,"
            + huge
            + "'></body></html>";
    assertTrue(new MainText().extract(utf8(html), null).text().startsWith("The council met"));
  }

  @Test
  void hundredThousandSiblingScriptsAreRemovedInLinearTime() throws HtmlRejected {
    String html =
        "<html><body>"
            + "<script>x()</script><span></span>".repeat(100_000)
            + PROSE
            + "</body></html>";
    assertTrue(new MainText().extract(utf8(html), null).text().startsWith("The council met"));
  }

  @Test
  void binaryContentLabelledHtmlIsRejected() {
    byte[] png = {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };
    assertEquals(HtmlRejected.BINARY_CONTENT, reject(png));
    assertEquals(HtmlRejected.BINARY_CONTENT, reject(utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj")));
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    noise[0] = '<';
    assertEquals(HtmlRejected.BINARY_CONTENT, reject(noise));
  }

  @Test
  void emptyAndBlankBodiesAreRejected() {
    assertEquals(HtmlRejected.EMPTY_BODY, reject(new byte[0]));
    assertEquals(HtmlRejected.EMPTY_BODY, reject(utf8(" \r\n\t ")));
  }

  @Test
  void oversizedBodiesAreRejectedBeforeParsing() {
    HtmlLimits small = new HtmlLimits(1000, 250_000, 256, 200, 0.02);
    assertEquals(
        HtmlRejected.TOO_LARGE, reject(utf8("<p>" + "a".repeat(2000)), "text/html", small));
    HtmlLimits fewTags = new HtmlLimits(8 << 20, 100, 256, 200, 0.02);
    assertEquals(HtmlRejected.TOO_MANY_TAGS, reject(utf8("<b>".repeat(101)), "text/html", fewTags));
  }

  @Test
  void bytesNoCharsetDecodesAreUndecodable() {
    // 0x81 0x8D 0x8F 0x90 0x9D are unassigned in windows-1252 and invalid as UTF-8
    byte[] junk = new byte[3000];
    byte[] unassigned = {(byte) 0x81, (byte) 0x8d, (byte) 0x8f, (byte) 0x90, (byte) 0x9d};
    for (int i = 0; i < junk.length; i++) junk[i] = i % 10 == 0 ? (byte) ' ' : unassigned[i % 5];
    assertEquals(
        HtmlRejected.UNDECODABLE,
        reject(junk, "text/html; charset=windows-1252", HtmlLimits.defaults()));
  }

  @Test
  void brokenMarkupStillExtracts() throws HtmlRejected {
    String html =
        "<html><body><div><p>" + PROSE + "<table><td><li><b><i>unclosed <a href='x>" + PROSE;
    assertTrue(new MainText().extract(utf8(html), null).text().contains("The council met"));
  }

  @Test
  void limitsNameTheFieldTheValueAndWhatIsAllowed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new HtmlLimits(0, 1, 256, 200, 0.02));
    assertEquals("HtmlLimits.maxBytes must be >= 1, got 0", e.getMessage());
  }
}
