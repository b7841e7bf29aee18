package dev.sluice.quality.html;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * An HTML page's text: parsed with jsoup, the body's text with its line structure. Not thread-safe: one per thread.
 *
 * <p>Placeholder until the html branch lands: it has the real extractor's signatures but no boilerplate removal
 * (navigation and footers stay in the text) and only the header/meta/UTF-8 charset rules jsoup itself applies.
 */
public final class MainText {
  /** Bytes a page may have before its text (more is rejected as too large to be a page). */
  public static final int MAX_BYTES = 16 << 20;

  /** The text, the page's title, the charset it was decoded with, and where that came from. */
  public record Extracted(String text, String title, String charset, String charsetSource) {}

  public MainText() {}

  /** The main text of {@code body}; {@code contentType} is the HTTP Content-Type header or null. */
  public Extracted extract(byte[] body, String contentType) throws HtmlRejected {
    if (body.length > MAX_BYTES) {
      throw new HtmlRejected("too_large", body.length + " bytes, over " + MAX_BYTES);
    }
    for (int i = 0; i < Math.min(body.length, 1024); i++) {
      if (body[i] == 0) throw new HtmlRejected("binary", "a NUL byte at " + i + ": not HTML text");
    }
    String header = headerCharset(contentType);
    Document doc;
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(body), header, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail to read
    }
    String source = header != null ? "header" : "meta_or_default";
    String text = doc.body() == null ? "" : doc.body().wholeText();
    text = text.replaceAll("[ \t\u00a0]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    if (text.isEmpty()) throw new HtmlRejected("no_text", "the page has no text in its body");
    return new Extracted(text, doc.title(), doc.charset().name(), source);
  }

  /** The charset the header names when Java knows it; null otherwise (jsoup then reads the meta tags). */
  static String headerCharset(String contentType) {
    if (contentType == null) return null;
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String name = p.substring(8).replace("\"", "").replace("'", "").trim();
        try {
          return Charset.isSupported(name) ? name : null;
        } catch (IllegalArgumentException e) {
          return null; // an illegal charset name: as if the header named none
        }
      }
    }
    return null;
  }
}
