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
 * A trained quality classifier: logistic regression over {@link HashedFeatures}. A text's features are the mean
 * of its word n-gram buckets and the mean of its character n-gram buckets (fastText averages its n-gram vectors
 * the same way), so the score is {@code sigmoid(bias + mean word weight + mean char weight)}: one pass over the
 * chars, one over the words, and one weight read per n-gram. Immutable and safe to share between threads.
 */
public final class QualityClassifier {
  static final int MAGIC = 0x534C5143; // "SLQC"
  static final int FILE_VERSION = 1;

  private final HashedFeatures features;
  private final float[] weights;
  private final float bias;

  public QualityClassifier(HashedFeatures features, float[] weights, float bias) {
    if (weights.length != features.buckets()) {
      throw new IllegalArgumentException(
          weights.length + " weights for " + features.buckets() + " buckets");
    }
    this.features = features;
    this.weights = weights.clone();
    this.bias = bias;
  }

  public HashedFeatures features() {
    return features;
  }

  public float bias() {
    return bias;
  }

  /** P(edited prose | text), in (0, 1). A text with no n-gram at all scores sigmoid(bias). */
  public double score(CharSequence text) {
    return 1 / (1 + Math.exp(-(bias + features.meanWeights(text, weights))));
  }

  /** The weights file: magic, version, the feature settings, the bias and the weights (big-endian). */
  public byte[] weightsFile() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(24 + 4 * weights.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(FILE_VERSION);
      out.writeInt(features.bits());
      out.writeInt(features.wordNgrams());
      out.writeInt(features.charMin());
      out.writeInt(features.charMax());
      out.writeFloat(bias);
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
      if (file.length < 28 || in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a Sluice quality classifier weights file");
      }
      int version = in.readInt();
      if (version != FILE_VERSION) {
        throw new IllegalArgumentException(
            "weights file version " + version + ", this Sluice reads " + FILE_VERSION);
      }
      HashedFeatures f = new HashedFeatures(in.readInt(), in.readInt(), in.readInt(), in.readInt());
      float bias = in.readFloat();
      if (file.length != 28 + 4L * f.buckets()) {
        throw new IllegalArgumentException(
            "weights file of " + file.length + " bytes, expected " + (28 + 4L * f.buckets()));
      }
      float[] w = new float[f.buckets()];
      ByteBuffer.wrap(file, 28, 4 * w.length).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(w);
      return new QualityClassifier(f, w, bias);
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
