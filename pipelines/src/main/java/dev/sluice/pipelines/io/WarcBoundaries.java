package dev.sluice.pipelines.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Where records start in a WARC file, for {@link WarcFormat}'s recovery after a damaged record: gzip members, lines
 * starting {@code WARC/}, and whether jwarc reads a whole record from a given offset.
 */
final class WarcBoundaries {
  private WarcBoundaries() {}

  static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};
  static final byte[] WARC_LINE = "WARC/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * The first record boundary strictly between {@code at} and {@code pos} (the next gzip member of a per-record
   * .warc.gz, or the next {@code WARC/} line of an uncompressed file) that reads as a whole record, or -1. Where
   * one exists, the record at {@code at} ran past its own end: its Content-Length is longer than its block.
   */
  static long swallowedBoundary(FileChannel channel, WarcCompression compression, long at, long pos)
      throws IOException {
    long next;
    // a short block ends anywhere, so the next record's WARC/ line need not start a line here
    if (compression == WarcCompression.NONE) next = find(channel, WARC_LINE, at + 1, false);
    else if (gzipMember(channel, at)) next = find(channel, GZIP_MAGIC, at + 1, false);
    else return -1; // a whole-file gzip: no boundary to resume at
    return next > at && next < pos && readsFrom(channel, next) ? next : -1;
  }

  /**
   * Whether a whole record can be read starting at {@code pos}, which must be a record boundary (a gzip member or
   * a {@code WARC/} line).
   */
  static boolean readable(FileChannel channel, long pos) throws IOException {
    return (gzipMember(channel, pos) || warcLine(channel, pos)) && readsFrom(channel, pos);
  }

  /** Whether jwarc reads a whole record starting at {@code pos}. */
  static boolean readsFrom(FileChannel channel, long pos) throws IOException {
    long saved = channel.position();
    try {
      channel.position(pos);
      WarcReader probe = new WarcReader(channel);
      Optional<WarcRecord> r = probe.next();
      if (r.isEmpty()) return false;
      r.get().body().consume();
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    } finally {
      channel.position(saved);
    }
  }

  /**
   * The offset of the next {@code magic} at or after {@code from} (at the start of a line when {@code lineStart}),
   * or -1.
   */
  static long find(FileChannel channel, byte[] magic, long from, boolean lineStart)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    long base = from;
    byte prev = lineStart && from > 0 ? byteAt(channel, from - 1) : (byte) '\n';
    while (true) {
      buf.clear();
      int n = channel.read(buf, base);
      if (n < magic.length) return -1;
      int usable = n - magic.length + 1;
      for (int i = 0; i < usable; i++) {
        byte before = i == 0 ? prev : buf.get(i - 1);
        if (lineStart && before != '\n') continue;
        boolean match = true;
        for (int k = 0; k < magic.length && match; k++) match = buf.get(i + k) == magic[k];
        if (match) return base + i;
      }
      prev = buf.get(usable - 1);
      base += usable;
    }
  }

  /**
   * Whether a gzip member starts at {@code pos}: true at every record of a per-record .warc.gz, false (but for the
   * first) in a whole-file gzip, whose record offsets are only approximate.
   */
  static boolean gzipMember(FileChannel channel, long pos) throws IOException {
    ByteBuffer three = ByteBuffer.allocate(3);
    return channel.read(three, pos) == 3
        && three.get(0) == 0x1f
        && three.get(1) == (byte) 0x8b
        && three.get(2) == 0x08;
  }

  /** Whether a line starting {@code WARC/} starts at {@code pos} (checked there only, not searched for). */
  static boolean warcLine(FileChannel channel, long pos) throws IOException {
    if (pos > 0 && byteAt(channel, pos - 1) != '\n') return false;
    ByteBuffer head = ByteBuffer.allocate(WARC_LINE.length);
    if (channel.read(head, pos) != WARC_LINE.length) return false;
    for (int i = 0; i < WARC_LINE.length; i++) if (head.get(i) != WARC_LINE[i]) return false;
    return true;
  }

  static byte byteAt(FileChannel channel, long pos) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    return channel.read(one, pos) == 1 ? one.get(0) : (byte) '\n';
  }
}
