package dev.sluice.quality.html;

import java.nio.charset.StandardCharsets;

/**
 * Tells text from binary before anything is decoded: servers label PDFs, images and archives text/html often
 * enough that a crawl holds thousands. Looks at the first kilobyte only (after a UTF-16/32 byte order mark, whose
 * NUL bytes are legitimate).
 */
public final class ContentSniffer {
  private static final int WINDOW = 1024;

  private ContentSniffer() {}

  private record Signature(String name, byte[] magic) {
    Signature(String name, String ascii) {
      this(name, ascii.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private static final Signature[] SIGNATURES = {
    new Signature("pdf", "%PDF-"),
    new Signature("png", "\u0089PNG\r\n\u001a\n"),
    new Signature("gif", "GIF8"),
    new Signature("jpeg", "\u00ff\u00d8\u00ff"),
    new Signature("zip", "PK\u0003\u0004"),
    new Signature("gzip", "\u001f\u008b"),
    new Signature("bzip2", "BZh"),
    new Signature("xz", "\u00fd7zXZ\u0000"),
    new Signature("zstd", "\u0028\u00b5\u002f\u00fd"),
    new Signature("7z", "7z\u00bc\u00af\u0027\u001c"),
    new Signature("riff (webp/wav/avi)", "RIFF"),
    new Signature("ogg", "OggS"),
    new Signature("woff", "wOFF"),
    new Signature("woff2", "wOF2"),
    new Signature("elf", "\u007fELF"),
    new Signature("ms-office", "\u00d0\u00cf\u0011\u00e0"),
    new Signature("mp4/mov", "\u0000\u0000\u0000"),
  };

  /**
   * The reason the bytes are binary, or null if they look like text: a known signature, a NUL byte or more than
   * 5 % control bytes in the first kilobyte; after a UTF-16 byte order mark only a signature counts. What
   * {@link MainText} rejects as {@code binary_content}, for callers that skip binary before extracting.
   */
  public static String binaryReason(byte[] body) {
    return binaryReason(body, null);
  }

  /**
   * As {@link #binaryReason(byte[])}, for a body whose HTTP Content-Type is {@code contentType} (or null): a page
   * declared UTF-16 or UTF-32 there is text without a byte order mark too.
   */
  public static String binaryReason(byte[] body, String contentType) {
    return binaryReason(body, CharsetResolver.bomLength(body), wide(body, contentType));
  }

  /** Whether the body's characters are two or four bytes wide: by its byte order mark or its header. */
  static boolean wide(byte[] body, String contentType) {
    int bomLength = CharsetResolver.bomLength(body);
    if (CharsetResolver.bomCharset(body) != null) return bomLength == 2 || bomLength == 4;
    return CharsetResolver.wide(CharsetResolver.headerCharset(contentType));
  }

  /** The reason the bytes are binary, or null if they look like text. */
  static String binaryReason(byte[] body, int bomLength, boolean wideBom) {
    for (Signature s : SIGNATURES) if (startsWith(body, s.magic)) return "signature " + s.name;
    if (wideBom) return null; // UTF-16/32: NULs are half the bytes
    int end = Math.min(body.length, bomLength + WINDOW);
    int control = 0;
    for (int i = bomLength; i < end; i++) {
      int b = body[i] & 0xff;
      if (b == 0) return "NUL byte at offset " + i;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) control++;
    }
    int window = end - bomLength;
    if (window > 0 && control * 20 > window)
      return control + " control bytes in the first " + window;
    return null;
  }

  private static boolean startsWith(byte[] body, byte[] magic) {
    if (body.length < magic.length) return false;
    for (int i = 0; i < magic.length; i++) if (body[i] != magic[i]) return false;
    return true;
  }
}
