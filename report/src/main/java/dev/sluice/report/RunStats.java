package dev.sluice.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the quality report shows beyond the manifest, as mergeable summaries: histograms, counts, a
 * deterministic bottom-k sample of removed documents per reason (smallest hash of seed and id, so any merge order
 * gives the same sample), and the largest near-duplicate clusters. Workers build partial RunStats per bundle; the
 * pipeline merges them into one.
 */
public final class RunStats implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int EXAMPLES = 5;
  public static final int CLUSTERS = 10;

  /** Documents that reached normalisation (parsed), and their size. */
  public long docsIn;

  public long bytesIn;
  public Histogram charsIn = Histogram.forSignal("chars");
  public Histogram wordsIn = Histogram.forSignal("words");

  /** Kept documents. */
  public long docsOut;

  public long bytesOut;
  public Histogram charsOut = Histogram.forSignal("chars");
  public Histogram wordsOut = Histogram.forSignal("words");
  public Histogram qualityOut = Histogram.forSignal("quality_score");
  public Histogram clusterSizes = Histogram.forSignal("cluster_size");

  /** Every scored document's signals, and the kept documents'. */
  public TreeMap<String, Histogram> signalsIn = new TreeMap<>();

  public TreeMap<String, Histogram> signalsOut = new TreeMap<>();

  /** Language of every document that went through language ID (kept or removed later), and of kept ones. */
  public TreeMap<String, Long> langIn = new TreeMap<>();

  public TreeMap<String, Long> langOut = new TreeMap<>();
  public Histogram langConfidence = Histogram.forSignal("lang_confidence");

  /** Characters removed per manifest key (filtered:rule, duplicate:kind). */
  public TreeMap<String, Long> removedChars = new TreeMap<>();

  public TreeMap<String, List<Example>> examples = new TreeMap<>();
  public TreeMap<String, List<Example>> deadExamples = new TreeMap<>();
  public List<ClusterExample> largest = new ArrayList<>();

  /** augment.text: a deterministic sample of copies beside their originals (bottom-k by rank). */
  public List<AugmentExample> augmented = new ArrayList<>();

  /**
   * Image runs: a small thumbnail (a data: URI, at most {@link #THUMBNAIL_BYTES} long) for each id the examples,
   * clusters and augmentation samples name, so the report shows the images themselves; pruned on every merge to
   * the ids still named, which keeps the report one small offline file.
   */
  public TreeMap<String, String> thumbnails = new TreeMap<>();

  public static final int THUMBNAIL_BYTES = 12_000;

  /** curriculum: the kept documents' difficulty. */
  public Histogram difficultyOut = Histogram.forSignal("difficulty");

  /**
   * quality_model: the classifier score of each document its keep rule removed ({@code
   * filtered:quality_model.score}); {@code signalsIn} holds every scored document's, so the two give the
   * scores it kept and removed.
   */
  public Histogram qualityModelRemoved = Histogram.forSignal(QUALITY_MODEL_SCORE);

  /** The signal name of the classifier's score (the pipeline's {@code ScoreQualityModel.SCORE}). */
  public static final String QUALITY_MODEL_SCORE = "quality_model.score";

  /** The signal name of the perplexity under the reference model. */
  public static final String QUALITY_MODEL_PERPLEXITY = "quality_model.perplexity";

  /** One augmented copy beside the document it was made from. */
  public record AugmentExample(
      String copyId, long rank, List<String> ops, String original, String copy)
      implements Serializable {}

  public void sampleAugmented(AugmentExample e) {
    augmented.add(e);
    augmented.sort(
        Comparator.comparingLong(AugmentExample::rank).thenComparing(AugmentExample::copyId));
    if (augmented.size() > EXAMPLES) augmented.remove(augmented.size() - 1);
  }

  /** A sampled document: rank orders the bottom-k sample. */
  public record Example(
      String id,
      long rank,
      String excerpt,
      Double score,
      String duplicateOf,
      String source,
      String location)
      implements Serializable {}

  /** One near-duplicate cluster with its survivor and one removed member. */
  public record ClusterExample(
      String clusterId,
      int size,
      String survivorId,
      String survivorExcerpt,
      String memberId,
      String memberExcerpt)
      implements Serializable {}

  public static void addTo(TreeMap<String, Histogram> m, String name, double v) {
    m.computeIfAbsent(name, Histogram::forSignal).add(v);
  }

  public static void sample(TreeMap<String, List<Example>> m, String key, Example e) {
    List<Example> l = m.computeIfAbsent(key, k -> new ArrayList<>());
    l.add(e);
    l.sort(Comparator.comparingLong(Example::rank).thenComparing(Example::id));
    if (l.size() > EXAMPLES) l.remove(l.size() - 1);
  }

  public void cluster(ClusterExample c) {
    ClusterExample have = null;
    for (ClusterExample x : largest) if (x.clusterId().equals(c.clusterId())) have = x;
    if (have != null) {
      largest.remove(have);
      boolean takeMember =
          have.memberId() == null
              || (c.memberId() != null && c.memberId().compareTo(have.memberId()) < 0);
      c =
          new ClusterExample(
              c.clusterId(),
              c.size(),
              have.survivorId() != null ? have.survivorId() : c.survivorId(),
              have.survivorExcerpt() != null ? have.survivorExcerpt() : c.survivorExcerpt(),
              takeMember ? c.memberId() : have.memberId(),
              takeMember ? c.memberExcerpt() : have.memberExcerpt());
    }
    largest.add(c);
    largest.sort(
        Comparator.comparingInt(ClusterExample::size)
            .reversed()
            .thenComparing(ClusterExample::clusterId));
    while (largest.size() > CLUSTERS) largest.remove(largest.size() - 1);
  }

  public RunStats merge(RunStats o) {
    docsIn += o.docsIn;
    bytesIn += o.bytesIn;
    charsIn.merge(o.charsIn);
    wordsIn.merge(o.wordsIn);
    docsOut += o.docsOut;
    bytesOut += o.bytesOut;
    charsOut.merge(o.charsOut);
    wordsOut.merge(o.wordsOut);
    qualityOut.merge(o.qualityOut);
    clusterSizes.merge(o.clusterSizes);
    mergeHist(signalsIn, o.signalsIn);
    mergeHist(signalsOut, o.signalsOut);
    o.langIn.forEach((k, v) -> langIn.merge(k, v, Long::sum));
    o.langOut.forEach((k, v) -> langOut.merge(k, v, Long::sum));
    langConfidence.merge(o.langConfidence);
    o.removedChars.forEach((k, v) -> removedChars.merge(k, v, Long::sum));
    o.examples.forEach((k, l) -> l.forEach(e -> sample(examples, k, e)));
    o.deadExamples.forEach((k, l) -> l.forEach(e -> sample(deadExamples, k, e)));
    for (ClusterExample c : o.largest) cluster(c);
    for (AugmentExample e : o.augmented) sampleAugmented(e);
    difficultyOut.merge(o.difficultyOut);
    qualityModelRemoved.merge(o.qualityModelRemoved);
    o.thumbnails.forEach(thumbnails::putIfAbsent);
    pruneThumbnails();
    return this;
  }

  /** Records a thumbnail for an id (ignored when too large); kept only while an example names the id. */
  public void thumbnail(String id, String dataUri) {
    if (id != null && dataUri != null && dataUri.length() <= THUMBNAIL_BYTES)
      thumbnails.putIfAbsent(id, dataUri);
  }

  /** Drops the thumbnails of ids no example, cluster or augmentation sample names any more. */
  public void pruneThumbnails() {
    if (thumbnails.isEmpty()) return;
    java.util.Set<String> named = new java.util.HashSet<>();
    examples.values().forEach(l -> l.forEach(e -> named.add(e.id())));
    for (ClusterExample c : largest) {
      named.add(c.survivorId());
      named.add(c.memberId());
    }
    for (AugmentExample a : augmented) {
      named.add(a.copyId());
      named.add(a.original());
    }
    thumbnails.keySet().retainAll(named);
  }

  private static void mergeHist(Map<String, Histogram> into, Map<String, Histogram> from) {
    from.forEach((k, h) -> into.computeIfAbsent(k, Histogram::forSignal).merge(h));
  }
}
