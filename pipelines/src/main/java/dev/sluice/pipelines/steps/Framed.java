package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.io.InputColumns;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * One element of a shard's group in {@link WriteShards}: a row, or the header that tells the writer the columns
 * of the input's own fields (sent once per shard and bundle, so the writer needs no side input). One byte more
 * per row on the wire.
 */
final class Framed<T> {
  private final T row;
  private final InputColumns header;

  private Framed(T row, InputColumns header) {
    this.row = row;
    this.header = header;
  }

  static <T> Framed<T> row(T row) {
    return new Framed<>(row, null);
  }

  static <T> Framed<T> header(InputColumns columns) {
    return new Framed<>(null, columns);
  }

  boolean isHeader() {
    return header != null;
  }

  T row() {
    return row;
  }

  InputColumns header() {
    return header;
  }

  static <T> Coder<Framed<T>> coder(Coder<T> rows) {
    return new FramedCoder<>(rows);
  }

  static final class FramedCoder<T> extends CustomCoder<Framed<T>> {
    private static final long serialVersionUID = 1L;
    private static final Coder<InputColumns> HEADER = SerializableCoder.of(InputColumns.class);
    private final Coder<T> rows;

    FramedCoder(Coder<T> rows) {
      this.rows = rows;
    }

    @Override
    public void encode(Framed<T> f, OutputStream out) throws IOException {
      if (f.isHeader()) {
        out.write(1);
        HEADER.encode(f.header, out);
      } else {
        out.write(0);
        rows.encode(f.row, out);
      }
    }

    @Override
    public Framed<T> decode(InputStream in) throws IOException {
      int kind = in.read();
      if (kind < 0) throw new java.io.EOFException("a shard element cut short");
      return kind == 1 ? header(HEADER.decode(in)) : row(rows.decode(in));
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
