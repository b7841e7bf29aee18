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
      Wire.Buf w = new Wire.Buf((d.text == null ? 0 : d.text.length()) + 64 + 12 * d.signals.size());
      w.string(d.id);
      w.string(d.text);
      w.string(d.source);
      w.varLong(d.pos);
      w.string(d.posUnit);
      w.string(d.lang);
      w.dbl(d.langScore);
      w.dbl(d.quality);
      w.varLong(d.signals.size());
      for (Map.Entry<String, Double> e : d.signals.entrySet()) {
        int idx = Signals.indexOf(e.getKey());
        w.varLong(idx + 1L);
        if (idx < 0) w.string(e.getKey());
        w.dbl(e.getValue());
      }
      w.string(d.exactKey);
      w.varLong(d.exactDups);
      w.string(d.clusterId);
      w.varLong(d.clusterSize);
      w.writeFramed(out);
    }

    @Override
    public Doc decode(InputStream in) throws IOException {
      Wire.Reader r = Wire.Reader.framed(in);
      Doc d = new Doc();
      d.id = r.string();
      d.text = r.string();
      d.source = r.string();
      d.pos = r.varLong();
      d.posUnit = r.string();
      d.lang = r.string();
      d.langScore = r.dbl();
      d.quality = r.dbl();
      int n = (int) r.varLong();
      for (int i = 0; i < n; i++) {
        int idx = (int) r.varLong() - 1;
        String name = idx < 0 ? r.string() : Signals.KNOWN.get(idx);
        d.signals.put(name, r.dbl());
      }
      d.exactKey = r.string();
      d.exactDups = (int) r.varLong();
      d.clusterId = r.string();
      d.clusterSize = (int) r.varLong();
      return d;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
