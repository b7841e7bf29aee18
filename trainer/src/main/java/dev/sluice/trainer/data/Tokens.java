package dev.sluice.trainer.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Byte-level tokens: a document's UTF-8 bytes (0..255) followed by one separator token. No tokenizer to train or
 * ship, and bits per byte come straight from the loss.
 */
public final class Tokens {
  /** Token that ends every document. */
  public static final int SEPARATOR = 256;

  /** Vocabulary: 256 byte values and the separator. */
  public static final int VOCAB = dev.sluice.core.model.ModelShape.VOCAB;

  private Tokens() {}

  /**
   * Where a document goes: a stable hash of its id alone (SHA-256, first 53 bits as a fraction), so the split
   * never depends on the seed, the shard layout or the row order, and a document is validation in every run
   * that holds it.
   */
  public static boolean isValidation(String id, double valFraction) {
    if (valFraction <= 0) return false;
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xFF);
      return (v >>> 11) * 0x1.0p-53 < valFraction;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
