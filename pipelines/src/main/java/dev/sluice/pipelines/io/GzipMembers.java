package dev.sluice.pipelines.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The decompressed bytes of a gzip file (RFC 1952) of one or more members, strictly: anything after a member that
 * is not another member is an error, where the JDK's {@code GZIPInputStream} ends the stream quietly there (a
 * damaged second member, or text appended to a .gz file, would lose its records without a trace). Each read hands
 * on what one inflation gave, so a failure loses nothing that was decompressed before it. Errors keep the JDK's
 * wording where it has one ("Unexpected end of ZLIB input stream", "Corrupt GZIP header" for a header CRC that
 * does not match, "Corrupt GZIP trailer").
 */
final class GzipMembers extends InputStream {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private final InputStream in;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] buf = new byte[1 << 16];
  private int pos; // the next byte of buf not yet given to the inflater or read as a header byte
  private int end; // bytes in buf
  private long consumed; // compressed bytes read from `in` so far
  private int members;
  private boolean done;

  GzipMembers(InputStream in) throws IOException {
    this.in = in;
    header(readByte());
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (!done) {
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (DataFormatException e) {
        throw new ZipException(
            "invalid deflate data in gzip member " + members + ": " + e.getMessage());
      }
      if (n > 0) {
        crc.update(b, off, n);
        return n;
      }
      if (inflater.finished()) {
        pos = end - inflater.getRemaining();
        trailer();
        int next = readByte();
        while (next == 0) next = readByte(); // NUL padding after a member, as gzip and Python allow
        if (next < 0) done = true;
        else header(next);
      } else if (inflater.needsInput()) {
        fill();
        inflater.setInput(buf, 0, end);
        pos = end;
      } else if (inflater.needsDictionary()) {
        throw new ZipException("gzip member " + members + " asks for a preset dictionary");
      }
    }
    return -1;
  }

  private void fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n < 0) throw new EOFException("Unexpected end of ZLIB input stream");
    consumed += n;
    pos = 0;
    end = n;
  }

  /** The next compressed byte after what the inflater took, or -1 at the end of the file. */
  private int readByte() throws IOException {
    if (pos == end) {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) return -1;
      consumed += n;
      pos = 0;
      end = n;
    }
    return buf[pos++] & 0xFF;
  }

  private int needByte(String where) throws IOException {
    int b = readByte();
    if (b < 0)
      throw new EOFException(
          "Unexpected end of file in the " + where + " of gzip member " + members);
    if (headerCrc != null) headerCrc.update(b);
    return b;
  }

  /** While a header is read with an FHCRC to check: the CRC-32 of its bytes so far; else null. */
  private CRC32 headerCrc;

  private long needLe(int bytes, String where) throws IOException {
    long v = 0;
    for (int i = 0; i < bytes; i++) v |= (long) needByte(where) << (8 * i);
    return v;
  }

  /** Reads a member's header, whose first byte is {@code first}, and readies the inflater for its data. */
  private void header(int first) throws IOException {
    long at = consumed - (end - pos) - 1;
    members++;
    if (first != 0x1F || readByte() != 0x8B) {
      throw new ZipException(
          members == 1
              ? "Not in GZIP format"
              : String.format(
                  Locale.ROOT,
                  "byte %d, after gzip member %d, starts no gzip member: the file is damaged there or"
                      + " has other bytes appended",
                  at,
                  members - 1));
    }
    headerCrc = new CRC32(); // the header's CRC-16 (FHCRC) is the low half of its CRC-32
    headerCrc.update(0x1F);
    headerCrc.update(0x8B);
    if (needByte("header") != 8) throw new ZipException("Unsupported compression method");
    int flags = needByte("header");
    needLe(6, "header"); // MTIME, XFL, OS
    if ((flags & FEXTRA) != 0) {
      for (long n = needLe(2, "header"); n > 0; n--) needByte("header");
    }
    if ((flags & FNAME) != 0) while (needByte("header") != 0) {}
    if ((flags & FCOMMENT) != 0) while (needByte("header") != 0) {}
    long expected = headerCrc.getValue() & 0xFFFF;
    headerCrc = null;
    if ((flags & FHCRC) != 0 && needLe(2, "header") != expected) {
      throw new ZipException("Corrupt GZIP header");
    }
    inflater.reset();
    crc.reset();
    inflater.setInput(buf, pos, end - pos);
    pos = end;
  }

  private void trailer() throws IOException {
    long sum = needLe(4, "trailer");
    long size = needLe(4, "trailer");
    if (sum != crc.getValue() || size != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
      throw new ZipException("Corrupt GZIP trailer");
    }
  }

  @Override
  public void close() throws IOException {
    inflater.end();
    in.close();
  }
}
