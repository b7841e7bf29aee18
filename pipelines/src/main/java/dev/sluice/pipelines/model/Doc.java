package dev.sluice.pipelines.model;

import dev.sluice.quality.rules.Signals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/**
 * A document in flight, immutable: a step that changes one returns a new value from a {@code with...} method, so
 * the input element is never touched (Beam's immutability rule) and the invariants hold in one place: id, text,
 * source and position unit are never null, the cluster size is at least 1, the signals are
 * a sorted, unmodifiable map. New record kinds (web pages, images) add fields here with their own {@code with...}.
 */
public final class Doc implements Serializable {
  private static final long serialVersionUID = 2L;

  private final String id;
  private final String text;
  private final String source;
  private final long pos;
  private final String posUnit;
  private final String lang;
  private final double langScore;
  private final double quality;
  private final SortedMap<String, Double> signals;
  private final String exactKey;
  private final int exactDups;
  private final String clusterId;
  private final int clusterSize;

  public static final Coder<Doc> CODER = new DocCoder();

  private Doc(
      String id,
      String text,
      String source,
      long pos,
      String posUnit,
      String lang,
      double langScore,
      double quality,
      SortedMap<String, Double> signals,
      String exactKey,
      int exactDups,
      String clusterId,
      int clusterSize) {
    if (id == null || text == null || source == null || posUnit == null || lang == null) {
      throw new IllegalArgumentException(
          "a document needs an id, text, source, position unit and language");
    }
    if (clusterSize < 1 || exactDups < 0) {
      throw new IllegalArgumentException(
          "cluster size " + clusterSize + ", exact duplicates " + exactDups);
    }
    this.id = id;
    this.text = text;
    this.source = source;
    this.pos = pos;
    this.posUnit = posUnit;
    this.lang = lang;
    this.langScore = langScore;
    this.quality = quality;
    this.signals = signals;
    this.exactKey = exactKey;
    this.exactDups = exactDups;
    this.clusterId = clusterId;
    this.clusterSize = clusterSize;
  }

  /** A record as a reader parsed it, before any step: language undetermined, no signals, its own cluster. */
  public static Doc parsed(String id, String text, String source, String posUnit, long pos) {
    return new Doc(id, text, source, pos, posUnit, "und", Double.NaN, 0.0, EMPTY, null, 0, null, 1);
  }

  private static final SortedMap<String, Double> EMPTY =
      Collections.unmodifiableSortedMap(new TreeMap<>());

  public String id() {
    return id;
  }

  public String text() {
    return text;
  }

  public String source() {
    return source;
  }

  /** Position within the source: line, block or row number (1-based); orders duplicates of one id. */
  public long pos() {
    return pos;
  }

  /** "line", "block" or "row". */
  public String posUnit() {
    return posUnit;
  }

  public String lang() {
    return lang;
  }

  public double langScore() {
    return langScore;
  }

  public double quality() {
    return quality;
  }

  /** Every quality signal measured on the document, by name (sorted, unmodifiable). */
  public SortedMap<String, Double> signals() {
    return signals;
  }

  public String exactKey() {
    return exactKey;
  }

  public int exactDups() {
    return exactDups;
  }

  public String clusterId() {
    return clusterId;
  }

  public int clusterSize() {
    return clusterSize;
  }

  public Doc withText(String newText) {
    return new Doc(
        id,
        newText,
        source,
        pos,
        posUnit,
        lang,
        langScore,
        quality,
        signals,
        exactKey,
        exactDups,
        clusterId,
        clusterSize);
  }

  public Doc withLanguage(String newLang, double score) {
    return new Doc(
        id,
        text,
        source,
        pos,
        posUnit,
        newLang,
        score,
        quality,
        signals,
        exactKey,
        exactDups,
        clusterId,
        clusterSize);
  }

  /** Adds measured signals (a signal measured again takes the new value). */
  public Doc withSignals(Map<String, Double> measured) {
    TreeMap<String, Double> all = new TreeMap<>(signals);
    all.putAll(measured);
    return new Doc(
        id,
        text,
        source,
        pos,
        posUnit,
        lang,
        langScore,
        quality,
        Collections.unmodifiableSortedMap(all),
        exactKey,
        exactDups,
        clusterId,
        clusterSize);
  }

  public Doc withQuality(double score) {
    return new Doc(
        id,
        text,
        source,
        pos,
        posUnit,
        lang,
        langScore,
        score,
        signals,
        exactKey,
        exactDups,
        clusterId,
        clusterSize);
  }

  public Doc withExactKey(String key) {
    return new Doc(
        id,
        text,
        source,
        pos,
        posUnit,
        lang,
        langScore,
        quality,
        signals,
        key,
        exactDups,
        clusterId,
        clusterSize);
  }

  public Doc withExactDups(int removedCopies) {
    return new Doc(
        id,
        text,
        source,
        pos,
        posUnit,
        lang,
        langScore,
        quality,
        signals,
        exactKey,
        removedCopies,
        clusterId,
        clusterSize);
  }

  public Doc withCluster(String newClusterId, int size) {
    return new Doc(
        id,
        text,
        source,
        pos,
        posUnit,
        lang,
        langScore,
        quality,
        signals,
        exactKey,
        exactDups,
        newClusterId,
        size);
  }

  public String location() {
    return location(posUnit, pos);
  }

  /** A record's location as dead letters and removed rows show it: "line 12", "row 3", ... */
  public static String location(String posUnit, long pos) {
    return posUnit + " " + pos;
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
      String id = Wire.readString(in);
      String text = Wire.readString(in);
      String source = Wire.readString(in);
      long pos = Wire.readVarLong(in);
      String posUnit = Wire.readString(in);
      String lang = Wire.readString(in);
      double langScore = Wire.readDouble(in);
      double quality = Wire.readDouble(in);
      int n = (int) Wire.readVarLong(in);
      SortedMap<String, Double> signals = EMPTY;
      if (n > 0) {
        TreeMap<String, Double> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
          int idx = (int) Wire.readVarLong(in) - 1;
          String name = idx < 0 ? Wire.readString(in) : Signals.KNOWN.get(idx);
          m.put(name, Wire.readDouble(in));
        }
        signals = Collections.unmodifiableSortedMap(m);
      }
      String exactKey = Wire.readString(in);
      int exactDups = (int) Wire.readVarLong(in);
      String clusterId = Wire.readString(in);
      int clusterSize = (int) Wire.readVarLong(in);
      return new Doc(
          id,
          text,
          source,
          pos,
          posUnit,
          lang,
          langScore,
          quality,
          signals,
          exactKey,
          exactDups,
          clusterId,
          clusterSize);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
