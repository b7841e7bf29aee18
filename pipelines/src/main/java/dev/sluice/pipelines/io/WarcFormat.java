package dev.sluice.pipelines.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * {@code input.format: warc}: WARC and WET files (.warc, .warc.gz with one gzip member per record or one for the
 * whole file; jwarc reads them), one document per HTML page or WET conversion record, decided by {@link WarcPages}.
 * The file is read raw, not through {@link Records#open} (which would decompress a .gz), so offsets are the
 * file's own bytes.
 *
 * <p>A truncated or corrupt record is one dead letter of the read stage ({@code truncated_record} or
 * {@code corrupt_record}) with the file and the byte offset of the record, and reading goes on at the next record
 * that can be read: the next gzip member (per-record gzip) or the next {@code WARC/} line (uncompressed). A
 * whole-file gzip cannot be resumed inside its one member, so there the rest of the file is that dead letter. A
 * record whose Content-Length is short (or whose trailer is damaged) only fails when the next header is read; when
 * the next record reads on its own, the short record is the dead letter, at its own offset, and the next is kept.
 */
public final class WarcFormat implements InputFormat {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "warc";
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};
  private static final byte[] WARC_LINE =
      "WARC/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String emptyDetail() {
    return "the file has no WARC records";
  }

  @Override
  public void read(String file, Records out) throws IOException {
    WarcPages pages = new WarcPages(out);
    try (FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.READ)) {
      long size = channel.size();
      long from = 0;
      boolean resyncing = false;
      while (from < size) {
        Damage d = readFrom(channel, from, pages, resyncing);
        if (d == null) return; // the end of the file
        long next =
            d.exactResume
                ? d.resume
                : d.compression == WarcCompression.NONE
                    ? find(channel, WARC_LINE, d.resume, true)
                    : find(channel, GZIP_MAGIC, d.resume, false);
        if (!resyncing || d.afterGoodRecord) {
          String resumed =
              next < 0
                  ? "no readable record follows it"
                  : d.compression == WarcCompression.GZIP && d.misaligned
                      ? "a whole-file gzip cannot be resumed inside its one member"
                      : "reading resumed at the next record that can be read";
          out.damaged(
              d.reason,
              String.format(
                  Locale.ROOT,
                  "the WARC record at byte %d is %s (%s); %s",
                  d.offset,
                  d.reason.equals("truncated_record") ? "truncated" : "corrupt",
                  d.message,
                  resumed),
              d.offset,
              null);
        }
        if (next < 0 || (d.compression == WarcCompression.GZIP && d.misaligned)) return;
        from = next;
        resyncing = true;
      }
    }
  }

  /**
   * Where reading failed: the damaged record's offset, where to look for the next record (at or after; exactly there
   * when {@code exactResume}: a boundary already found and read), how the
   * file is compressed, and why.
   */
  private record Damage(
      long offset,
      long resume,
      boolean exactResume,
      WarcCompression compression,
      boolean misaligned,
      boolean afterGoodRecord,
      String reason,
      String message) {}

  /**
   * Reads records from {@code from} until the end (null) or a failure (its {@link Damage}). While
   * {@code resyncing}, a failure before the first good record is part of the damage already reported.
   */
  private Damage readFrom(FileChannel channel, long from, WarcPages pages, boolean resyncing)
      throws IOException {
    channel.position(from);
    WarcReader reader;
    try {
      reader = new WarcReader(channel);
    } catch (IOException | RuntimeException e) {
      return damage(from, from + 1, WarcCompression.NONE, false, false, e);
    }
    long at = from;
    long taken = -1; // the position the last record was given
    boolean good = false;
    try {
      while (true) {
        Optional<WarcRecord> next = reader.next();
        pages.flush(); // the record before ended where the next one (or the file) begins
        if (next.isEmpty()) return null;
        at = reader.position();
        boolean approximate =
            reader.compression() == WarcCompression.GZIP && !gzipMember(channel, at);
        if (approximate) pages.approximateOffsets();
        // inside a whole-file gzip, jwarc's positions are those of the compressed buffer and
        // repeat:
        // each record still gets its own (a record is known by file and position, as in the
        // duplicate-id check), the next byte after the last one's when the reader's does not move
        taken = approximate && at <= taken ? taken + 1 : at;
        pages.take(next.get(), taken);
        good = true;
      }
    } catch (IOException | RuntimeException e) {
      long pos = Math.max(at, reader.position());
      long boundary =
          good && pos > at ? swallowedBoundary(channel, reader.compression(), at, pos) : -1;
      if (boundary > 0) {
        // The record at `at` declared more bytes than it holds: it read on into the records after
        // it. The first record boundary after it that reads on its own is where reading resumes;
        // the record at `at` is the dead letter, and the records it swallowed are read again.
        pages.drop();
        return damage(
            at,
            boundary,
            true,
            reader.compression(),
            false,
            true,
            new EOFException(
                "its block ends before its Content-Length, and the next record starts at byte "
                    + boundary));
      }
      if (good && pos > at && readable(channel, pos)) {
        // The record at `at` was read, but what follows its declared end is not a record: its
        // Content-Length is
        // short or its trailer is damaged. The record at `pos` reads on its own, so the damage is
        // the record at
        // `at`'s (one dead letter at its own offset) and reading resumes at `pos`.
        pages.drop();
        return damage(at, pos, reader.compression(), false, true, e);
      }
      pages.flush();
      boolean misaligned =
          reader.compression() == WarcCompression.GZIP
              && (at > from ? !gzipMember(channel, at) : !gzipMember(channel, from));
      return damage(pos, pos + 1, reader.compression(), misaligned, good, e);
    }
  }

  /**
   * The first record boundary strictly between {@code at} and {@code pos} (the next gzip member of a per-record
   * .warc.gz, or the next {@code WARC/} line of an uncompressed file) that reads as a whole record, or -1. Where
   * one exists, the record at {@code at} ran past its own end: its Content-Length is longer than its block.
   */
  private static long swallowedBoundary(
      FileChannel channel, WarcCompression compression, long at, long pos) throws IOException {
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
  private static boolean readable(FileChannel channel, long pos) throws IOException {
    return (gzipMember(channel, pos) || warcLine(channel, pos)) && readsFrom(channel, pos);
  }

  /** Whether jwarc reads a whole record starting at {@code pos}. */
  private static boolean readsFrom(FileChannel channel, long pos) throws IOException {
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

  private static Damage damage(
      long at,
      long resume,
      WarcCompression c,
      boolean misaligned,
      boolean afterGood,
      Exception failure) {
    return damage(at, resume, false, c, misaligned, afterGood, failure);
  }

  private static Damage damage(
      long at,
      long resume,
      boolean exactResume,
      WarcCompression c,
      boolean misaligned,
      boolean afterGood,
      Exception failure) {
    Throwable e =
        failure instanceof WarcPages.ReadFailed && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String m = String.valueOf(e.getMessage());
    String lower = m.toLowerCase(Locale.ROOT);
    boolean truncated =
        e instanceof EOFException
            || lower.contains("end of")
            || lower.contains("truncated")
            || lower.contains("premature");
    return new Damage(
        at,
        resume,
        exactResume,
        c,
        misaligned,
        afterGood,
        truncated ? "truncated_record" : "corrupt_record",
        e.getClass().getSimpleName() + ": " + m);
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
  private static boolean gzipMember(FileChannel channel, long pos) throws IOException {
    ByteBuffer three = ByteBuffer.allocate(3);
    return channel.read(three, pos) == 3
        && three.get(0) == 0x1f
        && three.get(1) == (byte) 0x8b
        && three.get(2) == 0x08;
  }

  /** Whether a line starting {@code WARC/} starts at {@code pos} (checked there only, not searched for). */
  private static boolean warcLine(FileChannel channel, long pos) throws IOException {
    if (pos > 0 && byteAt(channel, pos - 1) != '\n') return false;
    ByteBuffer head = ByteBuffer.allocate(WARC_LINE.length);
    if (channel.read(head, pos) != WARC_LINE.length) return false;
    for (int i = 0; i < WARC_LINE.length; i++) if (head.get(i) != WARC_LINE[i]) return false;
    return true;
  }

  private static byte byteAt(FileChannel channel, long pos) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    return channel.read(one, pos) == 1 ? one.get(0) : (byte) '\n';
  }
}
