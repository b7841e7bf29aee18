package dev.sluice.pipelines.model;

import dev.sluice.quality.rules.Signals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/**
 * A document in flight. Mutable, but a step that changes one emits a copy ({@link #copy()}), never the input
 * element (Beam's immutability rule).
 */
public final class Doc implements Serializable {
  private static final long serialVersionUID = 1L;

  public String id;
  public String text;
  public String source;
  /** Position within the source: line, block or row number (1-based); orders duplicates of one id. */
  public long pos;
  /** "line", "block" or "row". */
  public String posUnit;
  public String lang = "und";
  public double langScore = Double.NaN;
  public double quality = 0.0;
  public TreeMap<String, Double> signals = new TreeMap<>();
  public String exactKey;
  public int exactDups;
  public String clusterId;
  public int clusterSize = 1;

  public static final Coder<Doc> CODER = new DocCoder();

  public String location() {
    return location(posUnit, pos);
  }

  /** A record's location as dead letters and removed rows show it: "line 12", "row 3", ... */
  public static String location(String posUnit, long pos) {
    return posUnit + " " + pos;
  }

  public Doc copy() {
    Doc d = new Doc();
    d.id = id;
    d.text = text;
    d.source = source;
    d.pos = pos;
    d.posUnit = posUnit;
    d.lang = lang;
    d.langScore = langScore;
    d.quality = quality;
    d.signals = new TreeMap<>(signals);
    d.exactKey = exactKey;
    d.exactDups = exactDups;
    d.clusterId = clusterId;
    d.clusterSize = clusterSize;
    return d;
  }

  static final class DocCoder extends AtomicCoder<Doc> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(Doc d, OutputStream out) throws IOException {
      Wire.writeString(out, d.id);
      Wire.writeString(out, d.text);
      Wire.writeString(out, d.source);
      Wire.writeVarLong(out, d.pos);
      Wire.writeString(out, d.posUnit);
      Wire.writeString(out, d.lang);
      Wire.writeDouble(out, d.langScore);
      Wire.writeDouble(out, d.quality);
      Wire.writeVarLong(out, d.signals.size());
      for (Map.Entry<String, Double> e : d.signals.entrySet()) {
        int idx = Signals.indexOf(e.getKey());
        Wire.writeVarLong(out, idx + 1L);
        if (idx < 0) Wire.writeString(out, e.getKey());
        Wire.writeDouble(out, e.getValue());
      }
      Wire.writeString(out, d.exactKey);
      Wire.writeVarLong(out, d.exactDups);
      Wire.writeString(out, d.clusterId);
      Wire.writeVarLong(out, d.clusterSize);
    }

    @Override
    public Doc decode(InputStream in) throws IOException {
      Doc d = new Doc();
      d.id = Wire.readString(in);
      d.text = Wire.readString(in);
      d.source = Wire.readString(in);
      d.pos = Wire.readVarLong(in);
      d.posUnit = Wire.readString(in);
      d.lang = Wire.readString(in);
      d.langScore = Wire.readDouble(in);
      d.quality = Wire.readDouble(in);
      int n = (int) Wire.readVarLong(in);
      for (int i = 0; i < n; i++) {
        int idx = (int) Wire.readVarLong(in) - 1;
        String name = idx < 0 ? Wire.readString(in) : Signals.KNOWN.get(idx);
        d.signals.put(name, Wire.readDouble(in));
      }
      d.exactKey = Wire.readString(in);
      d.exactDups = (int) Wire.readVarLong(in);
      d.clusterId = Wire.readString(in);
      d.clusterSize = (int) Wire.readVarLong(in);
      return d;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
