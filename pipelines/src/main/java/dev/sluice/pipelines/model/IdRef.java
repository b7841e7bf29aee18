package dev.sluice.pipelines.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/**
 * Where one input record came from, with its id: what the duplicate-id check groups instead of the whole document.
 * (source, pos) identifies a record: input files are distinct and a reader gives each record its own position.
 */
public record IdRef(String id, String source, String posUnit, long pos) implements Serializable {
  public static final Coder<IdRef> CODER = new IdRefCoder();

  public static IdRef of(Doc d) {
    return new IdRef(d.id(), d.source(), d.posUnit(), d.pos());
  }

  /** As {@link Doc#location()}. */
  public String location() {
    return Doc.location(posUnit, pos);
  }

  /** The record's key in the duplicate-id check's answer; {@link #recordKey(Doc)} gives the same for its document. */
  public String recordKey() {
    return recordKey(source, pos);
  }

  public static String recordKey(Doc d) {
    return recordKey(d.source(), d.pos());
  }

  /** The key of the record at {@code pos} of {@code source}. */
  public static String recordKey(String source, long pos) {
    return source + '\u0000' + pos;
  }

  static final class IdRefCoder extends AtomicCoder<IdRef> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(IdRef r, OutputStream out) throws IOException {
      Wire.writeString(out, r.id());
      Wire.writeString(out, r.source());
      Wire.writeString(out, r.posUnit());
      Wire.writeVarLong(out, r.pos());
    }

    @Override
    public IdRef decode(InputStream in) throws IOException {
      return new IdRef(
          Wire.readString(in), Wire.readString(in), Wire.readString(in), Wire.readVarLong(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
