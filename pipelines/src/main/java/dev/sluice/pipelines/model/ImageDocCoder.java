package dev.sluice.pipelines.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * The wire form of an {@link ImageDoc}, on every hop between steps (an image crosses about eight of them, and on
 * 28x28 images encoding and decoding them was a quarter of the per-image CPU). Two blocks: every field but the
 * encoded image, laid out in one byte array (its length first), then the image's bytes. The array is built and
 * parsed with plain indexing, one write and one read on the runner's stream instead of one call per byte; the
 * names that repeat on every image (the signal names, the formats) are one-byte codes into fixed tables and decode
 * to the same constant strings; the cluster id, which is the image's id until dedup says otherwise, is one flag.
 * Deterministic: equal images encode to equal bytes (the signals are sorted by name).
 */
final class ImageDocCoder extends AtomicCoder<ImageDoc> {
  private static final long serialVersionUID = 1L;

  /** Codes 1..n on the wire (0: a name spelled out); appending keeps old codes, reordering does not. */
  private static final String[] SIGNALS = {
    "width",
    "height",
    "aspect_ratio",
    "file_bytes",
    "blur",
    "brightness",
    "contrast",
    "colourfulness",
    "entropy",
    "uniform_fraction",
    "jpeg_quality"
  };

  private static final String[] FORMATS = {"", "png", "jpeg", "gif", "bmp", "webp", "tiff", "pnm"};

  private static final Map<String, Integer> SIGNAL_CODES = codes(SIGNALS);
  private static final Map<String, Integer> FORMAT_CODES = codes(FORMATS);

  private static Map<String, Integer> codes(String[] table) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < table.length; i++) m.put(table[i], i + 1);
    return Map.copyOf(m);
  }

  @Override
  public void encode(ImageDoc d, OutputStream out) throws IOException {
    Writer w = new Writer();
    w.string(d.id());
    w.string(d.label());
    w.string(d.source());
    w.string(d.location());
    w.varLong(d.pos());
    w.name(d.format(), FORMAT_CODES);
    w.varLong(d.width());
    w.varLong(d.height());
    w.varLong(d.channels());
    w.name(d.sourceFormat(), FORMAT_CODES);
    w.varLong(d.fileBytes());
    w.varLong(d.signals().size());
    for (Map.Entry<String, Double> e : d.signals().entrySet()) {
      w.name(e.getKey(), SIGNAL_CODES);
      w.fixed(Double.doubleToRawLongBits(e.getValue()));
    }
    w.string(d.pixelSha256());
    w.fixed(d.phash());
    w.fixed(d.dhash());
    w.varLong(d.exactDups());
    boolean ownCluster = d.id().equals(d.clusterId());
    w.varLong(ownCluster ? 0 : 1);
    if (!ownCluster) w.string(d.clusterId());
    w.varLong(d.clusterSize());
    w.string(d.augmentedFrom());
    w.varLong(d.augmentOps().size());
    for (String op : d.augmentOps()) w.string(op);
    Wire.writeVarLong(out, w.n);
    out.write(w.buf, 0, w.n);
    Wire.writeBytes(out, d.bytes());
  }

  @Override
  public ImageDoc decode(InputStream in) throws IOException {
    long size = Wire.readVarLong(in);
    if (size < 0 || size > Integer.MAX_VALUE)
      throw new IOException("image fields of " + size + " bytes");
    byte[] meta = new byte[(int) size];
    Wire.readFully(in, meta);
    Reader r = new Reader(meta);
    String id = r.string();
    String label = r.string();
    String source = r.string();
    String location = r.string();
    long pos = r.varLong();
    String format = r.name(FORMATS);
    int w = (int) r.varLong();
    int h = (int) r.varLong();
    int c = (int) r.varLong();
    String sourceFormat = r.name(FORMATS);
    long fileBytes = r.varLong();
    TreeMap<String, Double> signals = new TreeMap<>();
    for (long n = r.varLong(); n > 0; n--) {
      String name = r.name(SIGNALS);
      signals.put(name, Double.longBitsToDouble(r.fixed()));
    }
    String sha = r.string();
    long phash = r.fixed();
    long dhash = r.fixed();
    int exactDups = (int) r.varLong();
    String clusterId = r.varLong() == 0 ? id : r.string();
    int clusterSize = (int) r.varLong();
    String from = r.string();
    long ops = r.varLong();
    List<String> augmentOps = new ArrayList<>((int) Math.min(ops, 64));
    for (long n = ops; n > 0; n--) augmentOps.add(r.string());
    if (r.pos != meta.length)
      throw new IOException("image fields: " + (meta.length - r.pos) + " bytes left over");
    byte[] bytes = Wire.readBytes(in);
    return new ImageDoc(
        id,
        label,
        source,
        location,
        pos,
        bytes,
        format,
        w,
        h,
        c,
        sourceFormat,
        fileBytes,
        signals,
        sha,
        phash,
        dhash,
        exactDups,
        clusterId,
        clusterSize,
        from,
        augmentOps);
  }

  @Override
  public void verifyDeterministic() {}

  /** The id of an encoded image, read without decoding the rest (it is the first field). */
  static String idOf(byte[] encoded) throws IOException {
    Reader r = new Reader(encoded);
    r.varLong(); // the fields' length; the id is the first of them
    String id = r.string();
    if (id == null) throw new IOException("an encoded image without an id");
    return id;
  }

  /** The length of an encoded image's own bytes ({@link ImageDoc#bytes}), read without decoding the rest. */
  static long imageLengthOf(byte[] encoded) throws IOException {
    Reader r = new Reader(encoded);
    long fields = r.varLong();
    r.need(fields);
    r.pos += (int) fields;
    return r.varLong();
  }

  /** A growable array with the primitives of {@link Wire}, written by index. */
  private static final class Writer {
    private byte[] buf = new byte[256];
    private int n;

    private void ensure(int more) {
      if (n + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
    }

    void varLong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[n++] = (byte) v;
    }

    /** Eight bytes, big-endian. */
    void fixed(long v) {
      ensure(8);
      for (int i = 7; i >= 0; i--) {
        buf[n + i] = (byte) v;
        v >>>= 8;
      }
      n += 8;
    }

    /** A nullable string: length + 1 as a varint (0 for null), then UTF-8. */
    void string(String s) {
      if (s == null) {
        varLong(0);
        return;
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varLong(b.length + 1L);
      ensure(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    /** A name from a fixed table as its code (index + 1), any other as 0 and the string. */
    void name(String s, Map<String, Integer> codes) {
      Integer code = s == null ? null : codes.get(s);
      if (code != null) {
        varLong(code);
        return;
      }
      varLong(0);
      string(s);
    }
  }

  /** Reads what {@link Writer} wrote, from one array. */
  private static final class Reader {
    private final byte[] buf;
    private int pos;

    Reader(byte[] buf) {
      this.buf = buf;
    }

    private void need(long k) throws EOFException {
      if (k < 0 || k > buf.length - pos) throw new EOFException("image fields cut short");
    }

    long varLong() throws IOException {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        need(1);
        int b = buf[pos++];
        result |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) return result;
      }
      throw new IOException("a varint longer than 64 bits");
    }

    long fixed() throws EOFException {
      need(8);
      long v = 0;
      for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos + i] & 0xFF);
      pos += 8;
      return v;
    }

    String string() throws IOException {
      long k = varLong();
      if (k == 0) return null;
      need(k - 1);
      String s = new String(buf, pos, (int) (k - 1), StandardCharsets.UTF_8);
      pos += (int) (k - 1);
      return s;
    }

    String name(String[] table) throws IOException {
      long code = varLong();
      if (code == 0) return string();
      if (code > table.length) throw new IOException("unknown name code " + code);
      return table[(int) code - 1];
    }
  }
}
