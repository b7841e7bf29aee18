package dev.sluice.quality.html;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CharsetTest {
  private static final String PROSE =
      "<p>%s, and the committee will meet again next week to decide on the final version of the text.</p>";

  private static byte[] page(String head, String body, Charset charset) {
    String html =
        "<html><head>"
            + head
            + "<title>t</title></head><body>"
            + PROSE.formatted(body)
            + "</body></html>";
    return html.getBytes(charset);
  }

  private static MainText.Extracted extract(byte[] body, String contentType) throws HtmlRejected {
    return new MainText().extract(body, contentType);
  }

  @Test
  void aSingleByteLabelOverUtf8TextIsNotBelieved() throws HtmlRejected {
    byte[] bytes =
        page("<meta charset=\"iso-8859-1\">", "Le fleuve est monté très rapidement", UTF_8);
    for (String header : new String[] {null, "text/html; charset=windows-1252"}) {
      MainText.Extracted got = extract(bytes, header);
      assertTrue(got.text().startsWith("Le fleuve est monté très rapidement"), got.text());
      assertEquals("UTF-8", got.charset());
    }
    // the label is believed where the bytes are not UTF-8
    byte[] latin = page("<meta charset=iso-8859-1>", "Le café", Charset.forName("windows-1252"));
    assertEquals("windows-1252", extract(latin, null).charset());
  }

  @Test
  void aPageDeclaredUtf16InItsHeaderIsTextWithoutAByteOrderMark() throws HtmlRejected {
    for (String label : new String[] {"utf-16le", "utf-16"}) {
      byte[] bytes = page("", "Le café était fermé", StandardCharsets.UTF_16LE);
      MainText.Extracted got = extract(bytes, "text/html; charset=" + label);
      assertTrue(got.text().startsWith("Le café était fermé"), label + ": " + got.text());
      assertEquals(null, ContentSniffer.binaryReason(bytes, "text/html; charset=" + label));
    }
    byte[] be = page("", "Le café", StandardCharsets.UTF_16BE);
    assertTrue(extract(be, "text/html; charset=utf-16be").text().startsWith("Le café"));
    assertTrue(ContentSniffer.binaryReason(be) != null, "no BOM, no header: NUL bytes are binary");
  }

  @Test
  void aCharacterReferenceToASurrogateIsTheReplacementCharacter() throws HtmlRejected {
    byte[] bytes = page("", "Half a pair &#xD800;x and &#55296; here", UTF_8);
    MainText.Extracted got = extract(bytes, "text/html; charset=utf-8");
    assertTrue(got.text().startsWith("Half a pair \uFFFDx and \uFFFD here"), got.text());
  }

  @Test
  void headerCharsetWinsOverMeta() throws HtmlRejected {
    byte[] bytes =
        page("<meta charset=utf-8>", "Le café était fermé", Charset.forName("windows-1252"));
    MainText.Extracted got = extract(bytes, "text/html; charset=ISO-8859-1");
    assertTrue(got.text().startsWith("Le café était fermé"), got.text());
    assertEquals(
        "windows-1252", got.charset()); // browsers decode ISO-8859-1 labels as windows-1252
    assertEquals("header", got.charsetSource());
  }

  @Test
  void metaCharsetIsUsedWithoutAHeader() throws HtmlRejected {
    byte[] bytes =
        page(
            "<meta http-equiv=Content-Type content='text/html; charset=Shift_JIS'>",
            "東京の天気は晴れ",
            Charset.forName("Shift_JIS"));
    MainText.Extracted got = extract(bytes, "text/html");
    assertTrue(got.text().startsWith("東京の天気は晴れ"), got.text());
    assertEquals("meta", got.charsetSource());
    assertEquals("Shift_JIS", got.charset());
  }

  @Test
  void byteOrderMarkWinsOverEverything() throws HtmlRejected {
    ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
    utf16.write(0xff);
    utf16.write(0xfe);
    utf16.writeBytes(
        new String(page("", "Grüße aus Köln", StandardCharsets.UTF_8), StandardCharsets.UTF_8)
            .getBytes(StandardCharsets.UTF_16LE));
    MainText.Extracted got = extract(utf16.toByteArray(), "text/html; charset=windows-1252");
    assertTrue(got.text().startsWith("Grüße aus Köln"), got.text());
    assertEquals("bom", got.charsetSource());
    assertEquals("UTF-16LE", got.charset());
  }

  @Test
  void invalidCharsetNamesInHeaderAndMetaAreSkipped() throws HtmlRejected {
    byte[] bytes =
        page(
            "<meta charset='../../etc/passwd'><meta charset=x-no-such-charset>",
            "Grüße aus Köln",
            StandardCharsets.UTF_8);
    for (String header :
        new String[] {
          "text/html; charset=\"no such\"",
          "text/html; charset=",
          "text/html; charset=utf-99",
          "text/html; charset=" + "x".repeat(5000)
        }) {
      MainText.Extracted got = extract(bytes, header);
      assertTrue(got.text().startsWith("Grüße aus Köln"), got.text());
      assertEquals("sniffed", got.charsetSource(), header);
      assertEquals("UTF-8", got.charset());
    }
  }

  @Test
  void undeclaredCyrillicIsSniffed() throws Exception {
    String russian = udhrRussian().substring(0, 600).replaceAll("\\s+", " ");
    for (String name : new String[] {"windows-1251", "KOI8-R"}) {
      MainText.Extracted got = extract(page("", russian, Charset.forName(name)), null);
      assertTrue(got.text().startsWith(russian.strip()), got.text());
      assertEquals("sniffed", got.charsetSource());
      assertEquals(name, got.charset());
    }
  }

  /** Real prose: the detector is statistical, a made-up sentence can fool it. */
  private static String udhrRussian() throws Exception {
    for (String line :
        Files.readAllLines(Path.of("..", "samples", "text", "multi", "udhr.jsonl"))) {
      Map<?, ?> row = new ObjectMapper().readValue(line, Map.class);
      if ("udhr-rus".equals(row.get("id"))) return (String) row.get("text");
    }
    throw new IllegalStateException("udhr-rus not in the sample");
  }

  @Test
  void declaredUtf8ThatIsNotFallsBackToSniffing() throws HtmlRejected {
    byte[] bytes =
        page(
            "",
            "Le café était fermé, à cause de la grève générale",
            Charset.forName("windows-1252"));
    MainText.Extracted got = extract(bytes, "text/html; charset=utf-8");
    assertTrue(got.text().startsWith("Le café était fermé"), got.text());
    assertEquals("sniffed", got.charsetSource());
  }

  @Test
  void plainAsciiWithoutDeclarationIsTheDefault() throws HtmlRejected {
    MainText.Extracted got =
        extract(page("", "The weather was fine", StandardCharsets.US_ASCII), null);
    assertEquals("UTF-8", got.charset());
    assertEquals("default", got.charsetSource());
  }
}
