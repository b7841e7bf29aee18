package dev.sluice.pipelines.model;

import dev.sluice.quality.dedup.KeepPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/** A document's near-duplicate cluster: its id (smallest member id), its size, and the member that survives. */
public record Cluster(String id, int size, String survivor) implements Serializable {
  public static final Coder<Cluster> CODER =
      new AtomicCoder<>() {
        @Override
        public void encode(Cluster c, OutputStream out) throws IOException {
          Wire.writeString(out, c.id());
          Wire.writeVarLong(out, c.size);
          Wire.writeString(out, c.survivor);
        }

        @Override
        public Cluster decode(InputStream in) throws IOException {
          return new Cluster(Wire.readString(in), (int) Wire.readVarLong(in), Wire.readString(in));
        }

        @Override
        public void verifyDeterministic() {}
      };

  /** Coder for the keep policy's view of a document. */
  public static final Coder<KeepPolicy.Member> MEMBER_CODER =
      new AtomicCoder<>() {
        @Override
        public void encode(KeepPolicy.Member m, OutputStream out) throws IOException {
          Wire.writeString(out, m.id());
          Wire.writeDouble(out, m.quality());
          Wire.writeVarLong(out, m.length());
        }

        @Override
        public KeepPolicy.Member decode(InputStream in) throws IOException {
          return new KeepPolicy.Member(
              Wire.readString(in), Wire.readDouble(in), Wire.readVarLong(in));
        }

        @Override
        public void verifyDeterministic() {}
      };
}
