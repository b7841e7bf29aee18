package dev.sluice.pipelines.io;

import dev.sluice.pipelines.model.InputValues;
import dev.sluice.quality.html.ContentSniffer;
import dev.sluice.quality.html.HtmlLimits;
import dev.sluice.quality.html.HtmlRejected;
import dev.sluice.quality.html.MainText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageBody;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * What one WARC record becomes: a document (an HTML page's main text from {@link MainText}, or a WET conversion
 * record's text as it is), a dead letter (the extractor rejected the page, its Content-Encoding cannot be decoded,
 * its HTTP header cannot be parsed, it is over the size limit), or a counted skip by rule (the reasons are
 * listed in docs/web.md).
 * Documents carry {@code url} (WARC-Target-URI), {@code domain} (its host), {@code fetch_time} (WARC-Date) and
 * {@code warc_record_id}; their id is the WARC-Record-ID (without one, a position-based id, see {@link #docId}).
 *
 * <p>A failure to read the record's own bytes is not handled here: it propagates to {@link WarcFormat}, which
 * dead-letters the damaged record and reads on. So a skipped record's block is read to its end before it is
 * counted, and a record is only counted once.
 */
final class WarcPages {
  static final String UNIT = "offset";
  private final Records out;
  private final int maxBlockBytes;

  /** The extractor, taking pages up to the same limit as the too_large check (not its own 8 MiB default). */
  private final MainText extractor;

  WarcPages(Records out) {
    this.out = out;
    // an HTML page is bigger than its text: four times the text's limit, at least 16 MiB
    this.maxBlockBytes =
        (int)
            Math.min(
                Integer.MAX_VALUE - 16, Math.max(16L << 20, 4L * out.settings().maxDocBytes()));
    HtmlLimits d = HtmlLimits.defaults();
    this.extractor =
        new MainText(
            new HtmlLimits(
                maxBlockBytes,
                d.maxTags(),
                d.maxDepth(),
                d.maxAttributeChars(),
                d.maxMalformedFraction()));
  }

  /**
   * What the last record gave, held back until the next record's header is read: a record whose Content-Length
   * is short (or whose trailer is damaged) is only found out then, and is a dead letter, not also a document.
   */
  private Runnable pending;

  private void later(Runnable outcome) {
    pending = outcome;
  }

  /** The last record was followed by a readable record or the end of the file: its outcome stands. */
  void flush() {
    Runnable p = pending;
    pending = null;
    if (p != null) p.run();
  }

  /** The last record's tail is damaged: it is dead-lettered instead. */
  void drop() {
    pending = null;
  }

  /** The record's number in the file, from 0. */
  private long index = -1;

  /** Whether record offsets are approximate (a whole-file gzip), so they are not unique. */
  private boolean approximateOffsets;

  /** Offsets from here on are approximate: the file is one gzip member. */
  void approximateOffsets() {
    approximateOffsets = true;
  }

  /**
   * Turns one record into its outcome. A failure to read the record's bytes propagates ({@link ReadFailed} or
   * jwarc's IOException) and is {@link WarcFormat}'s; any other failure while turning the record into a document
   * (a bug, a header jwarc cannot parse) is a {@code record_failed} dead letter of this record alone, and reading
   * goes on.
   */
  void take(WarcRecord record, long offset) throws IOException {
    index++;
    try {
      if (record instanceof WarcResponse r) response(r, offset);
      else if (record instanceof WarcResource r) resource(r, offset);
      else if (record instanceof WarcConversion r) conversion(r, offset);
      else skip(record, typeReason(record.type()));
    } catch (RuntimeException e) {
      later(
          () ->
              out.reject(
                  "record_failed",
                  "turning the record into a document failed: " + e,
                  UNIT + " " + offset,
                  offset,
                  null));
    }
  }

  /** A RuntimeException while reading a record's own bytes: the file's damage, not the record's conversion. */
  static final class ReadFailed extends IOException {
    private static final long serialVersionUID = 1L;

    ReadFailed(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private static void consume(MessageBody body) throws IOException {
    try {
      body.consume();
    } catch (RuntimeException e) {
      throw new ReadFailed(e);
    }
  }

  private static String typeReason(String type) {
    return switch (type) {
      case "warcinfo", "request", "metadata", "revisit", "continuation" -> type;
      default -> "other_type";
    };
  }

  private void skip(WarcRecord record, String reason) throws IOException {
    consume(record.body()); // the record's own bytes are read (and checked) before it counts
    later(() -> out.skip(reason));
  }

  private void response(WarcResponse r, long offset) throws IOException {
    if (!r.contentType().base().equals(MediaType.HTTP)) {
      skip(r, "non_http"); // dns:, gemini:, ... responses
      return;
    }
    byte[] block = readBlock(r.body());
    HttpResponse http;
    try {
      // a seekable channel tells jwarc where the block ends: a response with neither
      // Content-Length nor chunking (HTTP/1.0, Connection: close) has its body run to there
      http =
          HttpResponse.parse(
              new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(block));
    } catch (IOException | RuntimeException e) {
      later(
          () ->
              out.reject(
                  "bad_http_header",
                  "the HTTP response header cannot be parsed: " + e.getMessage(),
                  UNIT + " " + offset,
                  offset,
                  block));
      return;
    }
    if (http.status() != 200) {
      later(() -> out.skip("status_" + http.status()));
      return;
    }
    String contentType = http.headers().first("Content-Type").orElse(null);
    if (!isHtml(http.contentType())) {
      later(() -> out.skip("non_html"));
      return;
    }
    if (r.truncated() != org.netpreserve.jwarc.WarcTruncationReason.NOT_TRUNCATED) {
      later(() -> out.skip("truncated_payload"));
      return;
    }
    if (block.length > maxBlockBytes) {
      tooLarge(offset, block);
      return;
    }
    byte[] payload;
    try {
      payload = http.bodyDecoded().stream().readNBytes(maxBlockBytes + 1);
    } catch (IOException | RuntimeException e) {
      later(
          () ->
              out.reject(
                  "bad_content_encoding",
                  "the HTTP body cannot be decoded (Content-Encoding "
                      + http.headers().first("Content-Encoding").orElse("none")
                      + ", Transfer-Encoding "
                      + http.headers().first("Transfer-Encoding").orElse("none")
                      + "): "
                      + e.getMessage(),
                  UNIT + " " + offset,
                  offset,
                  block));
      return;
    }
    if (payload.length > maxBlockBytes) tooLarge(offset, block); // a compression bomb, say
    else html(r, offset, payload, contentType);
  }

  private void resource(WarcResource r, long offset) throws IOException {
    if (!isHtml(r.contentType())) {
      skip(r, "non_html");
      return;
    }
    byte[] payload = readBlock(r.body());
    if (payload.length > maxBlockBytes) tooLarge(offset, payload);
    else html(r, offset, payload, r.headers().first("Content-Type").orElse(null));
  }

  /** A WET record: the text a crawler already extracted, used as it is. */
  private void conversion(WarcConversion r, long offset) throws IOException {
    MediaType type = r.contentType();
    if (!type.type().equals("text")) {
      skip(r, "non_html");
      return;
    }
    byte[] text = readBlock(r.body());
    if (text.length > maxBlockBytes) {
      tooLarge(offset, text);
      return;
    }
    String decoded = out.decode(text);
    if (decoded == null) {
      later(
          () ->
              out.reject(
                  "invalid_utf8",
                  "the conversion record is not valid UTF-8",
                  UNIT + " " + offset,
                  offset,
                  text));
      return;
    }
    String docId = docId(r);
    InputValues v = values(r);
    later(() -> out.text(offset, UNIT, docId, decoded, text, v));
  }

  private void html(WarcTargetRecord r, long offset, byte[] payload, String contentType) {
    if (ContentSniffer.binaryReason(payload, contentType) != null) {
      // the extractor's own test (BOM-aware: a UTF-16 page is text), so binary_content never
      // reaches it
      later(() -> out.skip("binary"));
      return;
    }
    MainText.Extracted page;
    try {
      page = extractor.extract(payload, contentType);
    } catch (HtmlRejected e) {
      later(() -> out.reject(e.reason(), e.detail(), UNIT + " " + offset, offset, payload));
      return;
    }
    if (page.text().isBlank()) {
      // a page that is all navigation (a sitemap, an index of links, a redirect shell) has no main
      // text: a rule decides it, as for non-HTML records, so it is counted and skipped rather than
      // dead-lettered
      later(() -> out.skip("no_main_text"));
      return;
    }
    String docId = docId(r);
    InputValues v = values(r);
    later(() -> out.text(offset, UNIT, docId, page.text(), payload, v));
  }

  private void tooLarge(long offset, byte[] block) {
    later(
        () ->
            out.reject(
                "too_large",
                "the record's block is over "
                    + maxBlockBytes
                    + " bytes (4 x input.max_doc_bytes, at least 16 MiB)",
                UNIT + " " + offset,
                offset,
                block));
  }

  static boolean isHtml(MediaType t) {
    String base = t.base().toString().toLowerCase(Locale.ROOT);
    return base.equals("text/html") || base.equals("application/xhtml+xml");
  }

  /** The WARC-Record-ID without its angle brackets, or null when the record has none. */
  private static String id(WarcRecord r) {
    String id = r.headers().first("WARC-Record-ID").orElse("").strip();
    if (id.startsWith("<") && id.endsWith(">")) id = id.substring(1, id.length() - 1).strip();
    return id.isEmpty() ? null : id;
  }

  /**
   * The document's id: the WARC-Record-ID; without one, null (the reader's {@code <file>#o<offset>}) where offsets
   * are exact, and {@code <file>#r<n>} (the record's number in the file) in a whole-file gzip, whose offsets repeat.
   */
  private String docId(WarcRecord r) {
    String id = id(r);
    return id != null || !approximateOffsets ? id : out.file() + "#r" + index;
  }

  private InputValues values(WarcTargetRecord r) {
    Map<String, Map.Entry<String, byte[]>> v = new LinkedHashMap<>();
    String url = r.target();
    put(v, "url", url);
    put(v, "domain", domain(url));
    put(v, "fetch_time", r.headers().first("WARC-Date").orElse(null));
    put(v, "warc_record_id", id(r));
    return InputValues.of(v);
  }

  private void put(Map<String, Map.Entry<String, byte[]>> v, String name, String value) {
    if (!out.settings().carries(name)) return;
    if (value == null || value.isEmpty()) {
      out.seen(name, FieldTypes.STRING); // a listed column of nulls, not a typo
      return;
    }
    v.put(name, Map.entry(FieldTypes.STRING, value.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The host of a URI that {@link URI} refuses (a space or a '|' in its path, say): an IPv6 literal in brackets or a
   * name without spaces, brackets or '@', followed by a port, path, query, fragment or the end; anything else (an
   * unclosed bracket, a space inside the host) is no host.
   */
  private static final java.util.regex.Pattern LENIENT_HOST =
      java.util.regex.Pattern.compile(
          "^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/?#\\s]*@)?(\\[[0-9A-Fa-f:.]+(?:%[^\\]\\s/]*)?\\]|[^/:?#\\[\\]\\s@]+)(?=[:/?#]|$)");

  /** The URI's host, lower-case, without a trailing dot; null when the URI has none. */
  static String domain(String url) {
    if (url == null) return null;
    String host;
    try {
      host = URI.create(url.strip()).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    if (host == null) { // refused, or a host URI does not parse as one (an IDN in Unicode)
      java.util.regex.Matcher m = LENIENT_HOST.matcher(url.strip());
      host = m.find() ? m.group(1) : null;
    }
    if (host == null || host.isEmpty()) return null;
    host = host.toLowerCase(Locale.ROOT);
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /** The block, up to {@link #maxBlockBytes} + 1 bytes; the rest is read and dropped (the record is too large). */
  private byte[] readBlock(MessageBody body) throws IOException {
    byte[] head;
    try {
      InputStream in = body.stream();
      head = in.readNBytes(maxBlockBytes + 1);
    } catch (RuntimeException e) {
      throw new ReadFailed(e);
    }
    consume(body);
    return head;
  }
}
