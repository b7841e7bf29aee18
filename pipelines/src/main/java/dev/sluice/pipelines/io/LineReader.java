package dev.sluice.pipelines.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, so an invalid UTF-8 line can be dead-lettered with its
 * exact bytes while the rest of the file is read. LF and CRLF end a line; a UTF-8 BOM at the very start is
 * skipped. Tracks the byte offset of each line in the (decompressed) stream.
 */
public final class LineReader {
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private long offset;
  private long lineStart;
  private boolean first = true;
  private byte[] partial = new byte[0];
  private int partialLen;
  private final int maxLineBytes;
  private long lineLength;

  /** Lines longer than {@code maxLineBytes} are returned cut to that length; see {@link #lastLineLength()}. */
  public LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The full length in bytes of the line last returned, which may exceed what was returned. */
  public long lastLineLength() {
    return lineLength;
  }

  /** Offset of the first byte of the line last returned. */
  public long lineOffset() {
    return lineStart;
  }

  /** Bytes read so far, including any partial line held when an error was thrown. */
  public long offset() {
    return offset + pos;
  }

  /** Bytes of an unfinished line buffered when the stream failed (for the dead letter). */
  public byte[] pendingBytes() {
    byte[] out = Arrays.copyOf(partial, partialLen + Math.max(0, lim - pos));
    if (lim > pos) System.arraycopy(buf, pos, out, partialLen, lim - pos);
    return out;
  }

  /** The next line without its terminator, or null at the end of the stream. */
  public byte[] next() throws IOException {
    partialLen = 0;
    lineLength = 0;
    lineStart = offset + pos;
    while (true) {
      if (pos >= lim) {
        offset += lim;
        pos = 0;
        lim = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
          if (partialLen == 0) return null;
          return finish(partial, partialLen);
        }
        lim = n;
        if (first) {
          first = false;
          if (lim >= 3
              && (buf[0] & 0xFF) == 0xEF
              && (buf[1] & 0xFF) == 0xBB
              && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
            lineStart = 3;
          }
        }
      }
      int start = pos;
      while (pos < lim && buf[pos] != '\n') pos++;
      append(start, pos);
      if (pos < lim) {
        pos++;
        return finish(partial, partialLen);
      }
    }
  }

  private void append(int from, int to) {
    int n = to - from;
    lineLength += n;
    n = Math.min(n, maxLineBytes + 1 - partialLen);
    if (n <= 0) return;
    if (partialLen + n > partial.length)
      partial = Arrays.copyOf(partial, Math.max(partialLen + n, partial.length * 2));
    System.arraycopy(buf, from, partial, partialLen, n);
    partialLen += n;
  }

  private byte[] finish(byte[] b, int len) {
    if (len > 0 && b[len - 1] == '\r' && lineLength == len) {
      len--;
      lineLength--;
    }
    return Arrays.copyOf(b, len);
  }
}
