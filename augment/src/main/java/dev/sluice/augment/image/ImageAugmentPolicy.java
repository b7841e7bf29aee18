package dev.sluice.augment.image;

import dev.sluice.augment.seed.AugmentRng;
import dev.sluice.core.config.Config;
import dev.sluice.core.config.Config.ConfigException;
import dev.sluice.quality.image.Pixels;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A recipe's image augmentation ({@code augment.image}), used offline by the pipeline ({@link #copies()} copies per
 * kept image) and on the fly by the trainer. Three policies:
 *
 * <ul>
 *   <li>{@code randaugment} (Cubuk et al., "RandAugment", 2020, as torchvision's {@code RandAugment}): {@code n} ops
 *       (default 2) drawn uniformly with replacement from {@link AugmentSpace#OPS}, each at magnitude bin {@code m}
 *       (default 9) of {@code bins} (default 31), signed ops negated with p = 0.5;
 *   <li>{@code trivialaugment} (Müller and Hutter, "TrivialAugment", ICCV 2021, torchvision's {@code
 *       TrivialAugmentWide}): one op drawn uniformly, its bin uniform over {@code bins}, the wide ranges;
 *   <li>{@code ops}: an explicit list with a probability per op ({@link OpsPolicy}).
 * </ul>
 *
 * <p>{@link #apply} is a pure function of its arguments: every random choice comes from a generator seeded from
 * (seed, image id, copy, stream) by {@link AugmentRng}, and every op is integer or fixed-point arithmetic, so the
 * same call gives the same bytes on every JVM and runner. Streams: RandAugment's slot k (and TrivialAugment's one
 * slot) draws its op, its bin and its sign from stream {@code SLOT_STREAM + k}; the ops policy gives each op the
 * stream of its place in {@link #OPS}. Changing one op or slot never moves another's draws.
 */
public final class ImageAugmentPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Every op name a recipe may use in {@code policy: ops}, and that results report. */
  public static final List<String> OPS =
      Arrays.stream(ImageOp.values()).map(ImageOp::label).toList();

  /** The policies {@code augment.image.policy} may name. */
  public static final List<String> POLICIES = List.of("randaugment", "trivialaugment", "ops");

  /** The first stream of RandAugment's and TrivialAugment's slots, clear of the ops policy's streams. */
  static final int SLOT_STREAM = 1000;

  /** One augmented copy: the pixels, and the ops applied in order as "name:magnitude" or "name". */
  public record Result(Pixels pixels, List<String> ops) {}

  private final int copies;
  private final String policy;
  private final int n;
  private final int m;
  private final int bins;
  private final OpsPolicy ops;

  private ImageAugmentPolicy(int copies, String policy, int n, int m, int bins, OpsPolicy ops) {
    this.copies = copies;
    this.policy = policy;
    this.n = n;
    this.m = m;
    this.bins = bins;
    this.ops = ops;
  }

  /**
   * The policy of a recipe's {@code augment.image} section, e.g. {@code {copies: 2, policy: randaugment, n: 2, m:
   * 9}}, {@code {policy: trivialaugment}} or {@code {policy: ops, ops: {flip_h: 0.5, rotate: {p: 0.3, degrees:
   * 15}}}}; null or empty is RandAugment(2, 9) with one copy.
   *
   * @throws ConfigException naming the field, for an unknown key, op or policy or a value out of range
   */
  public static ImageAugmentPolicy from(Map<String, Object> section) {
    Config c = Config.of("augment.image", section);
    String policy = c.getChoice("policy", "randaugment", POLICIES.toArray(String[]::new));
    switch (policy) {
      case "randaugment" -> c.allowOnly("copies", "policy", "n", "m", "bins");
      case "trivialaugment" -> c.allowOnly("copies", "policy", "bins");
      default -> c.allowOnly("copies", "policy", "ops");
    }
    int copies = c.getInt("copies", 1, 0, 1000);
    int bins = c.getInt("bins", 31, 2, 1000);
    int n = c.getInt("n", 2, 0, 100);
    int m = c.getInt("m", 9, 0, bins - 1);
    OpsPolicy ops = policy.equals("ops") ? OpsPolicy.from(c, c.getSection("ops")) : null;
    return new ImageAugmentPolicy(copies, policy, n, m, bins, ops);
  }

  /** Augmented copies per kept image in an offline run (0 = off). */
  public int copies() {
    return copies;
  }

  /** "randaugment", "trivialaugment" or "ops". */
  public String policy() {
    return policy;
  }

  /**
   * One augmented copy of an image: a pure function of all its arguments.
   *
   * @param copy which copy (the pipeline counts from 1; the trainer may pass an epoch-derived index), at least 0
   */
  public Result apply(Pixels in, long seed, String imageId, int copy) {
    if (in == null) throw new IllegalArgumentException("augment.image: pixels must not be null");
    if (imageId == null)
      throw new IllegalArgumentException("augment.image: imageId must not be null");
    if (copy < 0)
      throw new IllegalArgumentException("augment.image: copy must be >= 0, got " + copy);
    long idHash = AugmentRng.idHash(imageId);
    List<String> labels = new ArrayList<>(Math.max(1, n));
    Pixels out =
        switch (policy) {
          case "randaugment" -> slots(AugmentSpace.RANDAUGMENT, n, in, seed, idHash, copy, labels);
          case "trivialaugment" ->
              slots(AugmentSpace.TRIVIALAUGMENT_WIDE, 1, in, seed, idHash, copy, labels);
          default -> ops.apply(in, seed, idHash, copy, labels);
        };
    return new Result(out, List.copyOf(labels));
  }

  private Pixels slots(
      AugmentSpace space,
      int count,
      Pixels in,
      long seed,
      long idHash,
      int copy,
      List<String> labels) {
    Pixels p = in;
    List<ImageOp> choices = AugmentSpace.OPS;
    for (int k = 0; k < count; k++) {
      AugmentRng rng = AugmentRng.forOp(seed, idHash, copy, SLOT_STREAM + k);
      ImageOp op = choices.get(rng.nextInt(choices.size()));
      int bin = space == AugmentSpace.TRIVIALAUGMENT_WIDE ? rng.nextInt(bins) : m;
      double magnitude = space.magnitude(op, bin, bins, p.width(), p.height());
      if (AugmentSpace.signed(op) && rng.nextInt(2) == 1) magnitude = -magnitude;
      magnitude = op.applied(magnitude);
      labels.add(op.label(magnitude));
      p = op.apply(p, magnitude, rng);
    }
    return p;
  }

  /** The op of a recipe name, or null. */
  static ImageOp op(String name) {
    int i = OPS.indexOf(name);
    return i < 0 ? null : ImageOp.values()[i];
  }

  @Override
  public String toString() {
    return switch (policy) {
      case "randaugment" ->
          "ImageAugmentPolicy[randaugment n=" + n + " m=" + m + " bins=" + bins + "]";
      case "trivialaugment" -> "ImageAugmentPolicy[trivialaugment bins=" + bins + "]";
      default -> "ImageAugmentPolicy[ops " + ops.steps().size() + "]";
    };
  }
}
