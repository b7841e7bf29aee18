package dev.sluice.pipelines.io;

import static dev.sluice.pipelines.io.WarcBoundaries.GZIP_MAGIC;
import static dev.sluice.pipelines.io.WarcBoundaries.WARC_LINE;
import static dev.sluice.pipelines.io.WarcBoundaries.find;
import static dev.sluice.pipelines.io.WarcBoundaries.gzipMember;
import static dev.sluice.pipelines.io.WarcBoundaries.readable;
import static dev.sluice.pipelines.io.WarcBoundaries.swallowedBoundary;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import org.netpreserve.jwarc.ParsingException;
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
              d.compression == WarcCompression.GZIP && d.misaligned
                  ? "a whole-file gzip cannot be resumed inside its one member"
                  : next < 0
                      ? "no readable record follows it"
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
    boolean heading = false; // reading the header after the last record taken
    try {
      while (true) {
        heading = true;
        Optional<WarcRecord> next = reader.next();
        heading = false;
        pages.flush(); // the record before ended where the next one (or the file) begins
        if (next.isEmpty()) return null;
        at = reader.position();
        boolean approximate =
            reader.compression() == WarcCompression.GZIP && !gzipMember(channel, at);
        if (approximate) pages.approximateOffsets();
        // inside a whole-file gzip, jwarc's positions are those of the compressed buffer and
        // repeat: each record still gets its own (a record is known by file and position, as in
        // the duplicate-id check), the next byte after the last one's when the reader's does not
        // move
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
        // Content-Length is short or its trailer is damaged. The record at `pos` reads on its own,
        // so the damage is the record at `at`'s (one dead letter at its own offset) and reading
        // resumes at `pos`.
        pages.drop();
        return damage(at, pos, reader.compression(), false, true, e);
      }
      if (good
          && heading
          && e instanceof ParsingException
          && reader.compression() == WarcCompression.GZIP
          && (!gzipMember(channel, at) || (at == from && !gzipMember(channel, pos)))) {
        // Inside a whole-file gzip, what follows the record at `at`'s declared end is not a header:
        // its Content-Length is longer than its block (it ran into the next record) or the next
        // header is damaged. Neither can be told apart nor resumed inside the one member, so the
        // record at `at`, which may hold the next one's header in its text, is the dead letter.
        pages.drop();
        return damage(
            taken,
            pos + 1,
            reader.compression(),
            true,
            true,
            new ParsingException(
                "what follows its declared end is not a WARC header: its Content-Length is longer"
                    + " than its block, or the next record's header is damaged ("
                    + e.getMessage()
                    + ")"));
      }
      pages.flush();
      boolean misaligned =
          reader.compression() == WarcCompression.GZIP
              && (at > from ? !gzipMember(channel, at) : !gzipMember(channel, from));
      return damage(pos, pos + 1, reader.compression(), misaligned, good, e);
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
}
