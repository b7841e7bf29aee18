package dev.sluice.scaling.pool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable hashes of ids: the same split and order on any machine, whatever the input order. */
public final class IdHash {
  private IdHash() {}

  /** SHA-256 of salt + "\0" + id, as hex. */
  public static String of(String salt, String id) {
    return HexFormat.of().formatHex(digest(salt, id));
  }

  /** Whether the id's hash, as a fraction in [0, 1), is below {@code fraction}. */
  public static boolean below(String salt, String id, double fraction) {
    byte[] h = digest(salt, id);
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xFF);
    return (v >>> 11) * 0x1.0p-53 < fraction;
  }

  private static byte[] digest(String salt, String id) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest((salt + "\0" + id).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
