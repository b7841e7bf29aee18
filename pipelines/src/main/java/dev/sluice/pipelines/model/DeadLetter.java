package dev.sluice.pipelines.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/**
 * An input record that could not be processed: one line of OUT/dead-letters/. The raw bytes are kept up to
 * {@link #MAX_RAW_BYTES}; when they are not valid UTF-8 they are also kept as base64.
 */
public record DeadLetter(
    String stage,
    String reason,
    String detail,
    String source,
    String location,
    long pos,
    String raw,
    String rawBase64,
    boolean rawTruncated)
    implements Serializable {
  public static final int MAX_RAW_BYTES = 4096;
  public static final Coder<DeadLetter> CODER = new DeadLetterCoder();

  public static DeadLetter of(
      String stage,
      String reason,
      String detail,
      String source,
      String location,
      long pos,
      byte[] raw) {
    byte[] r = raw == null ? new byte[0] : raw;
    boolean truncated = r.length > MAX_RAW_BYTES;
    byte[] kept = truncated ? Arrays.copyOf(r, MAX_RAW_BYTES) : r;
    String text = new String(kept, StandardCharsets.UTF_8);
    String b64 = null;
    if (!validUtf8(kept, truncated)) b64 = Base64.getEncoder().encodeToString(kept);
    return new DeadLetter(stage, reason, detail, source, location, pos, text, b64, truncated);
  }

  public static DeadLetter of(
      String stage,
      String reason,
      String detail,
      String source,
      String location,
      long pos,
      String raw) {
    return of(
        stage,
        reason,
        detail,
        source,
        location,
        pos,
        raw == null ? null : raw.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean validUtf8(byte[] b, boolean truncated) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      // a cut in the middle of a multi-byte character is not invalid input
      if (truncated) {
        for (int k = 1; k <= 3 && k < b.length; k++) {
          if (validUtf8(Arrays.copyOf(b, b.length - k), false)) return true;
        }
      }
      return false;
    }
  }

  public String tallyKey() {
    return "dead_letter:" + stage + "." + reason;
  }

  static final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(DeadLetter d, OutputStream out) throws IOException {
      Wire.writeString(out, d.stage);
      Wire.writeString(out, d.reason);
      Wire.writeString(out, d.detail);
      Wire.writeString(out, d.source());
      Wire.writeString(out, d.location);
      Wire.writeVarLong(out, d.pos());
      Wire.writeString(out, d.raw);
      Wire.writeString(out, d.rawBase64);
      out.write(d.rawTruncated ? 1 : 0);
    }

    @Override
    public DeadLetter decode(InputStream in) throws IOException {
      return new DeadLetter(
          Wire.readString(in),
          Wire.readString(in),
          Wire.readString(in),
          Wire.readString(in),
          Wire.readString(in),
          Wire.readVarLong(in),
          Wire.readString(in),
          Wire.readString(in),
          in.read() == 1);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
