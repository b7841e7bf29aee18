package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.io.InputColumns;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.VarInt;

/**
 * One element of a shard's group in {@link WriteShards}: a row, or the header that tells the writer the columns
 * of the input's own fields (sent once per shard and bundle, so the writer needs no side input).
 *
 * <p>A row travels as its sort key and its encoded bytes, exactly what {@link ExternalSort} holds, and comes out of
 * the coder that way: the writer sorts the bytes it received and decodes each row once, when it is written. (Decoded
 * on arrival, every row was decoded, encoded again for the sort and decoded a second time.) A row handed over
 * without the coder (a runner that does not serialise) carries the object instead; the writer then encodes it
 * itself, to the same bytes. The key is the sender's: the same as the decoded row's, because every sort key the
 * runs use survives its row's coder (ids and paths; an id the coder could not write back, such as one holding a
 * lone surrogate, is a dead letter at reading).
 */
final class Framed<T> {
  private final T row;
  private final InputColumns header;
  private final String key;
  private final byte[] bytes;

  private Framed(T row, InputColumns header, String key, byte[] bytes) {
    this.row = row;
    this.header = header;
    this.key = key;
    this.bytes = bytes;
  }

  /** A row and its sort key (the step that assigns shards has it already). */
  static <T> Framed<T> row(String key, T row) {
    return new Framed<>(row, null, Objects.requireNonNull(key, "sort key"), null);
  }

  /** A row already encoded by the rows' coder, with its sort key. */
  static <T> Framed<T> encoded(String key, byte[] bytes) {
    return new Framed<>(
        null,
        null,
        Objects.requireNonNull(key, "sort key"),
        Objects.requireNonNull(bytes, "row bytes"));
  }

  static <T> Framed<T> header(InputColumns columns) {
    return new Framed<>(null, columns, null, null);
  }

  boolean isHeader() {
    return header != null;
  }

  /** The row, or null when it arrived encoded ({@link #bytes}). */
  T row() {
    return row;
  }

  String key() {
    return key;
  }

  /** The row as the rows' coder encodes it (outer context), or null when the object was handed over. */
  byte[] bytes() {
    return bytes;
  }

  InputColumns header() {
    return header;
  }

  static <T> Coder<Framed<T>> coder(Coder<T> rows) {
    return new FramedCoder<>(rows);
  }

  static final class FramedCoder<T> extends CustomCoder<Framed<T>> {
    private static final long serialVersionUID = 2L;
    private static final Coder<InputColumns> HEADER = SerializableCoder.of(InputColumns.class);
    private static final int ROW = 0, COLUMNS = 1;
    private final Coder<T> rows;

    FramedCoder(Coder<T> rows) {
      this.rows = rows;
    }

    @Override
    public void encode(Framed<T> f, OutputStream out) throws IOException {
      if (f.isHeader()) {
        out.write(COLUMNS);
        HEADER.encode(f.header, out);
        return;
      }
      out.write(ROW);
      String key = f.key;
      // every char as a var-int: exact for any String, lone surrogates included (the sort
      // compares the key as chars), and one byte a char for the usual ASCII ids
      VarInt.encode(key.length(), out);
      for (int i = 0; i < key.length(); i++) VarInt.encode(key.charAt(i), out);
      byte[] b = f.bytes != null ? f.bytes : CoderUtils.encodeToByteArray(rows, f.row);
      VarInt.encode(b.length, out);
      out.write(b);
    }

    @Override
    public Framed<T> decode(InputStream in) throws IOException {
      int kind = in.read();
      if (kind < 0) throw new CoderException("a shard element cut short");
      if (kind == COLUMNS) return header(HEADER.decode(in));
      if (kind != ROW) throw new CoderException("a shard element of unknown kind " + kind);
      int length = length(in);
      StringBuilder key = new StringBuilder(Math.min(length, 256));
      for (int i = 0; i < length; i++) {
        int c = varInt(in);
        if (c > Character.MAX_VALUE)
          throw new CoderException("a shard row's key holds " + c + ", not a char");
        key.append((char) c);
      }
      int n = length(in);
      byte[] b =
          in.readNBytes(n); // grows as it reads: a damaged length cannot claim memory up front
      if (b.length < n) throw new CoderException("a shard row cut short");
      return new Framed<>(null, null, key.toString(), b);
    }

    private static int varInt(InputStream in) throws CoderException {
      try {
        return VarInt.decodeInt(in);
      } catch (CoderException e) {
        throw e;
      } catch (IOException e) {
        throw new CoderException("a shard element cut short or damaged", e);
      }
    }

    private static int length(InputStream in) throws CoderException {
      int n = varInt(in);
      if (n < 0) throw new CoderException("a shard element holds a negative length (" + n + ")");
      return n;
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of(rows);
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      rows.verifyDeterministic();
    }
  }
}
