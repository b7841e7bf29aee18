package dev.sluice.pipelines.model;

import dev.sluice.quality.rules.Signals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
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
public final class Doc implements Serializable, Curated<Doc> {
  private static final long serialVersionUID = 3L;

  // private and only ever set on a fresh copy inside a with... method: immutable from outside
  private String id;
  private String text;
  private String source;
  private long pos;
  private String posUnit;
  private String lang;
  private double langScore;
  private double quality;
  private SortedMap<String, Double> signals;
  private String exactKey;
  private int exactDups;
  private String clusterId;
  private int clusterSize;
  private String augmentedFrom;
  private List<String> augmentOps;
  private double difficulty;
  private double[] difficultyParts;
  private double qualityModelScore;
  private double perplexity;
  private String perplexityBucket;
  private InputValues input;

  public static final Coder<Doc> CODER = new DocCoder();

  private Doc() {}

  private Doc(Doc o) {
    id = o.id;
    text = o.text;
    source = o.source;
    pos = o.pos;
    posUnit = o.posUnit;
    lang = o.lang;
    langScore = o.langScore;
    quality = o.quality;
    signals = o.signals;
    exactKey = o.exactKey;
    exactDups = o.exactDups;
    clusterId = o.clusterId;
    clusterSize = o.clusterSize;
    augmentedFrom = o.augmentedFrom;
    augmentOps = o.augmentOps;
    difficulty = o.difficulty;
    difficultyParts = o.difficultyParts;
    qualityModelScore = o.qualityModelScore;
    perplexity = o.perplexity;
    perplexityBucket = o.perplexityBucket;
    input = o.input;
  }

  private Doc checked() {
    if (id == null || text == null || source == null || posUnit == null || lang == null) {
      throw new IllegalArgumentException(
          "a document needs an id, text, source, position unit and language");
    }
    if (clusterSize < 1 || exactDups < 0) {
      throw new IllegalArgumentException(
          "cluster size " + clusterSize + ", exact duplicates " + exactDups);
    }
    return this;
  }

  /** A record as a reader parsed it, before any step: language undetermined, no signals, its own cluster. */
  public static Doc parsed(String id, String text, String source, String posUnit, long pos) {
    Doc d = new Doc();
    d.id = id;
    d.text = text;
    d.source = source;
    d.pos = pos;
    d.posUnit = posUnit;
    d.lang = "und";
    d.langScore = Double.NaN;
    d.signals = EMPTY;
    d.clusterSize = 1;
    d.augmentOps = List.of();
    d.difficulty = Double.NaN;
    d.difficultyParts = NO_PARTS;
    d.qualityModelScore = Double.NaN;
    d.perplexity = Double.NaN;
    d.input = InputValues.NONE;
    return d.checked();
  }

  private static final SortedMap<String, Double> EMPTY =
      Collections.unmodifiableSortedMap(new TreeMap<>());
  private static final double[] NO_PARTS = new double[0];

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

  /** The id of the document this one is an augmented copy of; null for an original. */
  public String augmentedFrom() {
    return augmentedFrom;
  }

  /** The augmentation ops that changed this copy, in the order applied (empty for an original). */
  public List<String> augmentOps() {
    return augmentOps;
  }

  /** Curriculum difficulty, a percentile-based score in [0, 1]; NaN when not measured. */
  public double difficulty() {
    return difficulty;
  }

  /** Raw difficulty components in the order of Difficulty.COMPONENTS (NaN: not measured); empty when off. */
  public double[] difficultyParts() {
    return difficultyParts.clone();
  }

  /** quality_model: the classifier's P(edited prose); NaN when not scored. */
  public double qualityModelScore() {
    return qualityModelScore;
  }

  /** quality_model.perplexity: per-character perplexity under the reference model; NaN when not scored. */
  public double perplexity() {
    return perplexity;
  }

  /** quality_model.perplexity: head, middle or tail; null when not bucketed. */
  public String perplexityBucket() {
    return perplexityBucket;
  }

  public Doc withQualityModelScore(double score) {
    Doc d = new Doc(this);
    d.qualityModelScore = score;
    return d;
  }

  public Doc withPerplexity(double value) {
    Doc d = new Doc(this);
    d.perplexity = value;
    return d;
  }

  public Doc withPerplexityBucket(String bucket) {
    Doc d = new Doc(this);
    d.perplexityBucket = bucket;
    return d;
  }

  /** The input's own fields this document carries (none by default); augmented copies keep their original's. */
  public InputValues input() {
    return input;
  }

  public Doc withInput(InputValues values) {
    Doc d = new Doc(this);
    d.input = values == null ? InputValues.NONE : values;
    return d;
  }

  public Doc withText(String newText) {
    Doc d = new Doc(this);
    d.text = newText;
    return d.checked();
  }

  public Doc withLanguage(String newLang, double score) {
    Doc d = new Doc(this);
    d.lang = newLang;
    d.langScore = score;
    return d.checked();
  }

  /** Adds measured signals (a signal measured again takes the new value). */
  public Doc withSignals(Map<String, Double> measured) {
    TreeMap<String, Double> all = new TreeMap<>(signals);
    all.putAll(measured);
    Doc d = new Doc(this);
    d.signals = Collections.unmodifiableSortedMap(all);
    return d;
  }

  public Doc withQuality(double score) {
    Doc d = new Doc(this);
    d.quality = score;
    return d;
  }

  public Doc withExactKey(String key) {
    Doc d = new Doc(this);
    d.exactKey = key;
    return d;
  }

  public Doc withExactDups(int removedCopies) {
    Doc d = new Doc(this);
    d.exactDups = removedCopies;
    return d.checked();
  }

  public Doc withCluster(String newClusterId, int size) {
    Doc d = new Doc(this);
    d.clusterId = newClusterId;
    d.clusterSize = size;
    return d.checked();
  }

  /**
   * An augmented copy: its own id and text, {@code augmentedFrom} this document, the ops that changed it; the
   * rest (source, location, language, signals, cluster) stays the original's, since the copy was made from it.
   */
  public Doc augmentedCopy(String copyId, String copyText, List<String> ops) {
    Doc d = new Doc(this);
    d.id = copyId;
    d.text = copyText;
    d.augmentedFrom = id;
    d.augmentOps = List.copyOf(ops);
    return d.checked();
  }

  /** Sets the raw difficulty components (a copy of {@code parts} is kept). */
  public Doc withDifficultyParts(double[] parts) {
    Doc d = new Doc(this);
    d.difficultyParts = parts.clone();
    return d;
  }

  public Doc withDifficulty(double value) {
    Doc d = new Doc(this);
    d.difficulty = value;
    return d;
  }

  public String location() {
    return location(posUnit, pos);
  }

  @Override
  public dev.sluice.quality.dedup.KeepPolicy.Member member() {
    return new dev.sluice.quality.dedup.KeepPolicy.Member(id, quality, text.length());
  }

  @Override
  public RemovedDoc removed(String stage, String reason, String duplicateOf) {
    return RemovedDoc.of(this, stage, reason, duplicateOf, Double.NaN);
  }

  @Override
  public String excerpt() {
    return text.length() <= RemovedDoc.EXCERPT_CHARS
        ? text
        : text.substring(0, RemovedDoc.EXCERPT_CHARS);
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
      Wire.writeString(out, d.augmentedFrom);
      Wire.writeVarLong(out, d.augmentOps.size());
      for (String op : d.augmentOps) Wire.writeString(out, op);
      Wire.writeDouble(out, d.difficulty);
      Wire.writeVarLong(out, d.difficultyParts.length);
      for (double v : d.difficultyParts) Wire.writeDouble(out, v);
      Wire.writeDouble(out, d.qualityModelScore);
      Wire.writeDouble(out, d.perplexity);
      Wire.writeString(out, d.perplexityBucket);
      d.input.write(out);
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
      d.signals = EMPTY;
      if (n > 0) {
        TreeMap<String, Double> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
          int idx = (int) Wire.readVarLong(in) - 1;
          String name = idx < 0 ? Wire.readString(in) : Signals.KNOWN.get(idx);
          m.put(name, Wire.readDouble(in));
        }
        d.signals = Collections.unmodifiableSortedMap(m);
      }
      d.exactKey = Wire.readString(in);
      d.exactDups = (int) Wire.readVarLong(in);
      d.clusterId = Wire.readString(in);
      d.clusterSize = (int) Wire.readVarLong(in);
      d.augmentedFrom = Wire.readString(in);
      int ops = (int) Wire.readVarLong(in);
      if (ops == 0) {
        d.augmentOps = List.of();
      } else {
        String[] names = new String[ops];
        for (int i = 0; i < ops; i++) names[i] = Wire.readString(in);
        d.augmentOps = List.of(names);
      }
      d.difficulty = Wire.readDouble(in);
      int parts = (int) Wire.readVarLong(in);
      d.difficultyParts = parts == 0 ? NO_PARTS : new double[parts];
      for (int i = 0; i < parts; i++) d.difficultyParts[i] = Wire.readDouble(in);
      d.qualityModelScore = Wire.readDouble(in);
      d.perplexity = Wire.readDouble(in);
      d.perplexityBucket = Wire.readString(in);
      d.input = InputValues.read(in);
      return d.checked();
    }

    @Override
    public void verifyDeterministic() {}
  }
}
