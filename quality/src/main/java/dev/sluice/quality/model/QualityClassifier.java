package dev.sluice.quality.model;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A trained quality classifier: logistic regression over {@link HashedFeatures}, then {@link Calibration}. A
 * text's features are the mean of its word n-gram buckets and the mean of its character n-gram buckets (fastText
 * averages its n-gram vectors the same way), so its raw log-odds are {@code z = bias + mean word weight + mean char
 * weight} and its score is {@code sigmoid(slope × z + intercept)}: one pass over the chars, one over the words, and
 * one weight read per n-gram. Immutable and safe to share between threads.
 *
 * <p>A whole document is scored in one pass although the weights are fitted on passages: with mean-pooled
 * features, a text's z is its passages' z averaged with weights proportional to their n-gram counts (the word part
 * by word n-grams, the character part by character n-grams), up to the few n-grams that span a cut; so scoring the
 * whole text is scoring its passages and taking their length-weighted mean log-odds, without cutting it.
 */
public final class QualityClassifier {
  static final int MAGIC = 0x534C5143; // "SLQC"
  static final int FILE_VERSION = 2;

  /** Magic, version, four feature settings, the bias, the calibration's slope and intercept. */
  static final int HEADER_BYTES = 4 * 7 + 2 * 8;

  private final HashedFeatures features;
  private final float[] weights;
  private final float bias;
  private final Calibration calibration;

  /** Uncalibrated: the score is sigmoid(z). */
  public QualityClassifier(HashedFeatures features, float[] weights, float bias) {
    this(features, weights, bias, Calibration.identity());
  }

  public QualityClassifier(
      HashedFeatures features, float[] weights, float bias, Calibration calibration) {
    if (weights.length != features.buckets()) {
      throw new IllegalArgumentException(
          weights.length + " weights for " + features.buckets() + " buckets");
    }
    this.features = features;
    this.weights = weights.clone();
    this.bias = bias;
    this.calibration = calibration;
  }

  /** The same weights with another calibration. */
  public QualityClassifier withCalibration(Calibration c) {
    return new QualityClassifier(features, weights, bias, c);
  }

  public Calibration calibration() {
    return calibration;
  }

  public HashedFeatures features() {
    return features;
  }

  public float bias() {
    return bias;
  }

  /**
   * The calibrated probability that the text is of the positive class, in (0, 1). A text with no n-gram at all has
   * z = bias.
   */
  public double score(CharSequence text) {
    return calibration.probability(logit(text));
  }

  /** The raw log-odds z = bias + mean word weight + mean character weight, before calibration. */
  public double logit(CharSequence text) {
    return bias + features.meanWeights(text, weights);
  }

  /**
   * The weights file: magic, version, the feature settings, the bias, the calibration (slope and intercept, as
   * doubles; so the version, a hash of this file, covers them) and the weights (big-endian).
   */
  public byte[] weightsFile() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER_BYTES + 4 * weights.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(FILE_VERSION);
      out.writeInt(features.bits());
      out.writeInt(features.wordNgrams());
      out.writeInt(features.charMin());
      out.writeInt(features.charMax());
      out.writeFloat(bias);
      out.writeDouble(calibration.slope());
      out.writeDouble(calibration.intercept());
      ByteBuffer b = ByteBuffer.allocate(4 * weights.length).order(ByteOrder.BIG_ENDIAN);
      b.asFloatBuffer().put(weights);
      out.write(b.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A file that is not a weights file, of another version, or truncated: IllegalArgumentException. */
  public static QualityClassifier fromWeightsFile(byte[] file) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(file))) {
      if (file.length < 8 || in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a Sluice quality classifier weights file");
      }
      int version = in.readInt();
      if (version != FILE_VERSION) {
        throw new IllegalArgumentException(
            "weights file version "
                + version
                + ", this Sluice reads "
                + FILE_VERSION
                + (version < FILE_VERSION
                    ? " (an uncalibrated model from before calibration: train it again with"
                        + " `sluice quality-model train`)"
                    : ""));
      }
      if (file.length < HEADER_BYTES) throw new IllegalArgumentException("truncated weights file");
      HashedFeatures f = new HashedFeatures(in.readInt(), in.readInt(), in.readInt(), in.readInt());
      float bias = in.readFloat();
      Calibration calibration = new Calibration(in.readDouble(), in.readDouble());
      if (file.length != HEADER_BYTES + 4L * f.buckets()) {
        throw new IllegalArgumentException(
            "weights file of "
                + file.length
                + " bytes, expected "
                + (HEADER_BYTES + 4L * f.buckets()));
      }
      float[] w = new float[f.buckets()];
      ByteBuffer.wrap(file, HEADER_BYTES, 4 * w.length)
          .order(ByteOrder.BIG_ENDIAN)
          .asFloatBuffer()
          .get(w);
      return new QualityClassifier(f, w, bias, calibration);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated weights file", e);
    }
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
