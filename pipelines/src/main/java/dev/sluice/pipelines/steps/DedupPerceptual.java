package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.Cluster;
import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.quality.dedup.KeepPolicy;
import dev.sluice.quality.dedup.NearDedupConfig;
import dev.sluice.quality.image.HammingLsh;
import dev.sluice.quality.image.PerceptualDedupSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Perceptual dedup, distributed as text near dedup is ({@link DedupNear}, whose cluster steps, {@link DuplicateClusters}, it shares): each
 * image's 64-bit hash (the pHash, or the dHash with {@code hash: dhash}) is cut into LSH bands
 * ({@link HammingLsh#bandKeys}: threshold + 1 bands by default, so no pair within the threshold is missed); images
 * that share a band key meet in one group, where pairs are verified against the Hamming threshold
 * ({@link PerceptualDedupSettings#duplicates}; with {@code hash: both}, both hashes) until their images are
 * connected, and go on as a spanning forest ({@link PairsFn}); the verified pairs' connected
 * components ({@link ConnectedComponents}) each keep one survivor by the keep policy, and the rest are removed as
 * {@code duplicate.perceptual} pointing at it. No all-pairs comparison: only images that collide in a band are
 * compared.
 */
public final class DedupPerceptual extends PTransform<PCollection<ImageDoc>, PCollectionTuple> {
  public static final String STAGE = "dedup_perceptual";
  static final Fanout.Outputs OUTPUTS = Fanout.Outputs.of(Tags.IMAGES, Tags.REMOVED, Tags.STATS);
  private final HashMap<String, Object> settings;
  private final KeepPolicy policy;
  private final transient PCollection<RemovedDoc> earlier;
  private final Fanout.Observer keptObserver;

  /** The kept images of this step's tagged stream ({@link Fanout#STREAM}). */
  public static final Fanout.Part<ImageDoc> IMAGES = OUTPUTS.part(Tags.IMAGES);

  /**
   * @param settings dedup.perceptual as the recipe wrote it ({} for the defaults)
   * @param earlier the rows exact dedup removed (may be null): they come out under {@link Tags#REMOVED} pointing at
   *     the final survivor ({@link DuplicateClusters#apply})
   * @param keptObserver when not null, leave the kept images in this step's stream, for a next step that reads
   *     them as {@link #IMAGES} (unpacked for nobody, the runner would still decode them all), and this observer
   *     sees them in the light copy that unpacks the small outputs
   */
  public DedupPerceptual(
      Map<String, Object> settings,
      KeepPolicy policy,
      PCollection<RemovedDoc> earlier,
      Fanout.Observer keptObserver) {
    this.settings = new HashMap<>(settings);
    this.policy = policy;
    this.earlier = earlier;
    this.keptObserver = keptObserver;
  }

  @Override
  public Map<TupleTag<?>, PValue> getAdditionalInputs() {
    return DuplicateClusters.earlierInput(earlier);
  }

  @Override
  public PCollectionTuple expand(PCollection<ImageDoc> images) {
    PCollectionTuple candidates =
        images
            .apply("BandKeys", ParDo.of(new BandFn(settings)))
            .setCoder(KvCoder.of(BigEndianLongCoder.of(), Hashed.CODER))
            .apply("GroupByBand", GroupByKey.create())
            .apply(
                "VerifiedPairs",
                ParDo.of(new PairsFn(settings))
                    .withOutputTags(
                        DuplicateClusters.PAIR_TAG, TupleTagList.of(DuplicateClusters.MEMBER_TAG)));
    PCollection<KV<String, Cluster>> clusters =
        DuplicateClusters.of(
            DuplicateClusters.distinctPairs(candidates),
            DuplicateClusters.oneMemberPerId(candidates),
            NearDedupConfig.defaults().componentRounds(),
            policy);
    return DuplicateClusters.apply(
        images,
        ImageDoc.CODER,
        Tags.IMAGES,
        OUTPUTS,
        clusters,
        STAGE,
        "perceptual",
        earlier,
        keptObserver);
  }

  /** The component rounds (text's default), for the message when they do not suffice. */
  public static int rounds() {
    return NearDedupConfig.defaults().componentRounds();
  }

  /** An image's keep-policy view with its two hashes: what a band group holds. */
  public record Hashed(KeepPolicy.Member member, long phash, long dhash) implements Serializable {
    static final Coder<Hashed> CODER =
        new AtomicCoder<>() {
          @Override
          public void encode(Hashed h, OutputStream out) throws IOException {
            Cluster.MEMBER_CODER.encode(h.member(), out);
            DataOutputStream d = new DataOutputStream(out);
            d.writeLong(h.phash());
            d.writeLong(h.dhash());
            d.flush();
          }

          @Override
          public Hashed decode(InputStream in) throws IOException {
            KeepPolicy.Member m = Cluster.MEMBER_CODER.decode(in);
            DataInputStream d = new DataInputStream(in);
            return new Hashed(m, d.readLong(), d.readLong());
          }

          @Override
          public void verifyDeterministic() {}
        };
  }

  static final class BandFn extends DoFn<ImageDoc, KV<Long, Hashed>> {
    private final HashMap<String, Object> settings;
    private final StageClock clock = new StageClock(STAGE);
    private transient PerceptualDedupSettings s;
    private transient HammingLsh lsh;

    BandFn(HashMap<String, Object> settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      s = PerceptualDedupSettings.from(settings);
      lsh = s.lsh();
    }

    @ProcessElement
    public void process(@Element ImageDoc d, OutputReceiver<KV<Long, Hashed>> out) {
      long t = clock.start();
      Hashed h = new Hashed(d.member(), d.phash(), d.dhash());
      for (long k : lsh.bandKeys(s.bandedHash(d.phash(), d.dhash()))) out.output(KV.of(k, h));
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }
  }

  /**
   * The verified pairs of one band group as a spanning forest: members in id order, each pair checked in turn
   * unless the two are already connected through pairs found before it, and emitted only when it joins two parts
   * (k - c pairs for k members in c parts, not every pair). The components, and so the clusters and survivors,
   * are the same as with every verified pair: a pair inside one part adds no connection. Emitting them all made
   * near-uniform images (groups of hundreds) send millions of pairs through the runner's sorts. Also each member
   * that has a verified pair.
   */
  static final class PairsFn extends DoFn<KV<Long, Iterable<Hashed>>, KV<String, String>> {
    private final HashMap<String, Object> settings;
    private final StageClock clock = new StageClock(STAGE);
    private transient PerceptualDedupSettings s;

    PairsFn(HashMap<String, Object> settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      s = PerceptualDedupSettings.from(settings);
    }

    boolean within(Hashed a, Hashed b) {
      return s.duplicates(a.phash(), a.dhash(), b.phash(), b.dhash());
    }

    @ProcessElement
    public void process(@Element KV<Long, Iterable<Hashed>> group, MultiOutputReceiver out) {
      List<Hashed> hs = new ArrayList<>();
      group.getValue().forEach(hs::add);
      if (hs.size() < 2) return;
      long t = clock.start();
      hs.sort(Comparator.comparing((Hashed h) -> h.member().id()));
      OutputReceiver<KV<String, String>> pairs = out.get(DuplicateClusters.PAIR_TAG);
      boolean[] paired =
          spanningPairs(
              hs.size(),
              (i, j) -> within(hs.get(i), hs.get(j)),
              (i, j) -> pairs.output(KV.of(hs.get(i).member().id(), hs.get(j).member().id())));
      OutputReceiver<KV<String, KeepPolicy.Member>> members = out.get(DuplicateClusters.MEMBER_TAG);
      for (int i = 0; i < hs.size(); i++) {
        if (paired[i]) members.output(KV.of(hs.get(i).member().id(), hs.get(i).member()));
      }
      clock.stop(t);
    }

    interface Check {
      boolean within(int i, int j);
    }

    interface Edge {
      void add(int i, int j);
    }

    /**
     * A spanning forest of the graph whose edges are the pairs {@code check} accepts, on members 0..k-1: pairs (i,
     * j), i < j, in order, each checked unless i and j are connected already, each accepted one given to {@code
     * edge} only when it joins two parts. Returns which members have an accepted pair (all members of a part of two
     * or more).
     */
    static boolean[] spanningPairs(int k, Check check, Edge edge) {
      int[] part = new int[k];
      for (int i = 0; i < k; i++) part[i] = i;
      boolean[] paired = new boolean[k];
      for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
          int a = root(part, i), b = root(part, j);
          // connected already: both have a verified pair, and this one would join nothing
          if (a == b || !check.within(i, j)) continue;
          part[Math.max(a, b)] = Math.min(a, b);
          edge.add(i, j);
          paired[i] = paired[j] = true;
        }
      }
      return paired;
    }

    /** The part of member i, halving the path to it on the way. */
    private static int root(int[] part, int i) {
      while (part[i] != i) {
        part[i] = part[part[i]];
        i = part[i];
      }
      return i;
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }
  }
}
