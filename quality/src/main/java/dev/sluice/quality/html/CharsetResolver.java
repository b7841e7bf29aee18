package dev.sluice.quality.html;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Chooses the charset of an HTML body the way browsers do (WHATWG "determining the character encoding"): a byte
 * order mark wins, then the Content-Type header's charset, then a {@code <meta>} charset in the first 4 KiB, then
 * sniffing (strict UTF-8 validation, then Mozilla's universal detector), then windows-1252. Unknown or invalid
 * names at any step are skipped, never thrown. Labels are mapped as browsers map them (ISO-8859-1 and US-ASCII
 * decode as windows-1252; a meta that claims UTF-16 in an ASCII-compatible prescan means UTF-8).
 */
final class CharsetResolver {
  static final String HEADER = "header";
  static final String META = "meta";
  static final String BOM = "bom";
  static final String SNIFFED = "sniffed";
  static final String DEFAULT = "default";

  private static final int META_WINDOW = 4096;
  private static final int SNIFF_WINDOW = 64 * 1024;
  private static final Pattern HEADER_CHARSET =
      Pattern.compile("charset\\s*=\\s*[\"']?\\s*([^\\s\"';,]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern META_CHARSET =
      Pattern.compile(
          "<meta\\s[^>]*?charset\\s*=\\s*[\"']?\\s*([a-zA-Z0-9._:-]+)", Pattern.CASE_INSENSITIVE);
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** A charset and where it came from ({@link #HEADER}, {@link #META}, ...). */
  record Choice(Charset charset, String source) {}

  private final UniversalDetector detector = new UniversalDetector();

  /** Length of a byte order mark at the start of body (0 if none). */
  static int bomLength(byte[] body) {
    Charset bom = bomCharset(body);
    return bom == null ? 0 : (bom == StandardCharsets.UTF_8 ? 3 : 2);
  }

  static Charset bomCharset(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf)
      return StandardCharsets.UTF_8;
    if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff)
      return StandardCharsets.UTF_16BE;
    if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe)
      return StandardCharsets.UTF_16LE;
    return null;
  }

  /**
   * Whether bytes declared {@code declared} are UTF-8 instead: the declared charset takes one byte per character
   * (where almost any byte decodes, so a wrong label never shows as malformed text), and the bytes hold multi-byte
   * UTF-8 sequences and decode as UTF-8 without error, which text in a single-byte charset practically never does.
   */
  boolean utf8Instead(byte[] body, Charset declared) {
    if (declared.equals(StandardCharsets.UTF_8) || wide(declared)) return false;
    if (declared.newEncoder().maxBytesPerChar() > 1.0f) return false; // Shift_JIS, GBK, EUC-KR...
    int n = Math.min(body.length, SNIFF_WINDOW);
    boolean multibyte = false;
    for (int i = 0; i < n && !multibyte; i++) multibyte = body[i] < 0;
    return multibyte && isUtf8(body, n);
  }

  /** The charset the Content-Type header names, or null (none, or one Java does not know). */
  static Charset headerCharset(String contentType) {
    if (contentType == null) return null;
    Matcher m = HEADER_CHARSET.matcher(contentType);
    return m.find() ? lookup(m.group(1), false) : null;
  }

  /** Whether a charset takes two or four bytes per character (UTF-16, UTF-32): NUL bytes are then text. */
  static boolean wide(Charset c) {
    return c != null && (c.name().startsWith("UTF-16") || c.name().startsWith("UTF-32"));
  }

  /** The declared charset, in precedence order: BOM, header, meta; null if none is usable. */
  Choice declared(byte[] body, String contentType) {
    Charset bom = bomCharset(body);
    if (bom != null) return new Choice(bom, BOM);
    if (contentType != null) {
      Matcher m = HEADER_CHARSET.matcher(contentType);
      Charset header = m.find() ? lookup(m.group(1), false) : null;
      if (header != null) return new Choice(header, HEADER);
    }
    String head =
        new String(body, 0, Math.min(body.length, META_WINDOW), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    while (m.find()) {
      Charset meta = lookup(m.group(1), true);
      if (meta != null) return new Choice(meta, META);
    }
    return null;
  }

  /** Valid UTF-8 (with at least one non-ASCII byte) wins; otherwise the universal detector; else windows-1252. */
  Choice sniff(byte[] body) {
    int n = Math.min(body.length, SNIFF_WINDOW);
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) ascii = body[i] >= 0;
    if (ascii && n == body.length) return new Choice(StandardCharsets.UTF_8, DEFAULT);
    if (isUtf8(body, n)) return new Choice(StandardCharsets.UTF_8, SNIFFED);
    detector.reset();
    detector.handleData(body, 0, n);
    detector.dataEnd();
    Charset detected = lookup(detector.getDetectedCharset(), false);
    detector.reset();
    return detected != null ? new Choice(detected, SNIFFED) : new Choice(WINDOWS_1252, DEFAULT);
  }

  private static boolean isUtf8(byte[] body, int n) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // a window may cut a multi-byte sequence: trim up to 3 trailing continuation/lead bytes
    int end = n;
    if (n < body.length) while (end > n - 4 && end > 0 && (body[end - 1] & 0xc0) == 0x80) end--;
    if (n < body.length && end > 0 && (body[end - 1] & 0xc0) == 0xc0) end--;
    try {
      d.decode(ByteBuffer.wrap(body, 0, end));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** A usable Charset for a label, or null; browsers' label mapping applied. */
  static Charset lookup(String label, boolean fromMeta) {
    if (label == null || label.isEmpty() || label.length() > 40) return null;
    String name = label.trim().toLowerCase(Locale.ROOT);
    switch (name) {
      case "iso-8859-1",
          "iso8859-1",
          "latin1",
          "l1",
          "us-ascii",
          "ascii",
          "iso_8859-1",
          "cp1252" -> {
        return WINDOWS_1252;
      }
      case "utf8", "unicode-1-1-utf-8" -> {
        return StandardCharsets.UTF_8;
      }
      case "x-user-defined" -> {
        return WINDOWS_1252;
      }
      default -> {}
    }
    if (fromMeta && name.startsWith("utf-16")) return StandardCharsets.UTF_8;
    // WHATWG: the label "utf-16" is little-endian (Java's UTF-16 without a BOM reads big-endian)
    if (name.equals("utf-16") || name.equals("unicode") || name.equals("ucs-2")) {
      return fromMeta ? StandardCharsets.UTF_8 : StandardCharsets.UTF_16LE;
    }
    try {
      Charset c = Charset.forName(name);
      return fromMeta && wide(c) ? StandardCharsets.UTF_8 : c; // a meta read as ASCII is not UTF-16
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return null; // IllegalCharsetNameException and UnsupportedCharsetException are both
      // IllegalArgument
    }
  }

  /**
   * Decodes with replacement (malformed and unmappable input become U+FFFD); the fraction of U+FFFD in the result
   * says how well the charset fit. {@code new String} has the JDK's fast paths for UTF-8 and Latin-1.
   */
  static String decode(byte[] body, Charset charset, int bomLength) {
    return new String(body, bomLength, body.length - bomLength, charset);
  }

  static double malformedFraction(String text) {
    if (text.indexOf('\uFFFD') < 0) return 0; // the common case, one vectorised scan
    int bad = 0;
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\uFFFD') bad++;
    return bad / (double) text.length();
  }
}
