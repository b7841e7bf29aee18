package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HammingLshTest {
  static boolean shareABand(HammingLsh lsh, long a, long b) {
    long[] ka = lsh.bandKeys(a), kb = lsh.bandKeys(b);
    for (int i = 0; i < ka.length; i++) if (ka[i] == kb[i]) return true;
    return false;
  }

  @Test
  void everyPairWithinTheThresholdSharesABand() {
    Random r = new Random(17);
    for (int t = 0; t <= 20; t++) {
      HammingLsh lsh = new HammingLsh(t, t + 1);
      for (int trial = 0; trial < 2000; trial++) {
        long a = r.nextLong(), b = a;
        int flips = r.nextInt(t + 1);
        Set<Integer> bits = new HashSet<>();
        while (bits.size() < flips) bits.add(r.nextInt(64));
        for (int bit : bits) b ^= 1L << bit;
        assertTrue(lsh.within(a, b));
        assertTrue(shareABand(lsh, a, b), "t=" + t + " flips=" + flips);
      }
    }
  }

  @Test
  void bandsCoverAll64BitsAndKeysNameTheirBand() {
    HammingLsh lsh = new HammingLsh(4, 5); // 13, 13, 13, 13, 12 bits
    long[] keys = lsh.bandKeys(-1L);
    assertEquals(5, keys.length);
    for (int b = 0; b < 5; b++) {
      assertEquals(b, keys[b] >>> 32);
      assertEquals(b < 4 ? (1L << 13) - 1 : (1L << 12) - 1, keys[b] & 0xFFFFFFFFL);
    }
    // the first band holds the most significant bits
    assertEquals(1L, new HammingLsh(4, 5).bandKeys(1L << 51)[0]);
    assertEquals(0L, new HammingLsh(4, 5).bandKeys(1L << 50)[0]);
    assertEquals(42L, new HammingLsh(0, 1).bandKeys(42L)[0]);
    assertEquals(64, new HammingLsh(63, 64).bandKeys(0L).length);
  }

  @Test
  void withinVerifiesTheThresholdExactly() {
    HammingLsh lsh = new HammingLsh(3, 4);
    assertTrue(lsh.within(0L, 0b111L));
    assertFalse(lsh.within(0L, 0b1111L));
  }

  @Test
  void tooFewBandsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new HammingLsh(4, 4));
    assertThrows(IllegalArgumentException.class, () -> new HammingLsh(4, 65));
  }

  @Test
  void theContractRecipeEmptyPerceptualSectionGivesTheDefaults() {
    // dedup: {exact: true, perceptual: {}}
    Map<String, Object> dedup = new LinkedHashMap<>();
    dedup.put("exact", true);
    dedup.put("perceptual", Map.of());
    PerceptualDedupSettings s =
        PerceptualDedupSettings.from(Config.of("dedup", dedup).getSection("perceptual"));
    assertEquals(PerceptualDedupSettings.defaults(), s);
    assertEquals(new PerceptualDedupSettings(4, "phash", 5), s);
    assertEquals(PerceptualDedupSettings.defaults(), PerceptualDedupSettings.from(null));
  }

  @Test
  void settingsValidateWithNamedFields() {
    assertEquals(
        new PerceptualDedupSettings(8, "both", 9),
        PerceptualDedupSettings.from(Map.of("threshold", 8, "hash", "both")));
    assertEquals(12, PerceptualDedupSettings.from(Map.of("bands", 12)).bands());
    Config.ConfigException e =
        assertThrows(
            Config.ConfigException.class,
            () -> PerceptualDedupSettings.from(Map.of("hash", "phsh")));
    assertTrue(e.getMessage().contains("did you mean 'phash'?"), e.getMessage());
    e =
        assertThrows(
            Config.ConfigException.class,
            () -> PerceptualDedupSettings.from(Map.of("threshold", 6, "bands", 6)));
    assertEquals("dedup.perceptual.bands", e.field());
    e =
        assertThrows(
            Config.ConfigException.class,
            () -> PerceptualDedupSettings.from(Map.of("treshold", 6)));
    assertTrue(e.getMessage().contains("did you mean 'threshold'?"), e.getMessage());
  }

  @Test
  void duplicatesFollowsTheHashChoice() {
    long p1 = 0, p2 = 0b11111, d1 = 0, d2 = 0b1;
    assertFalse(new PerceptualDedupSettings(4, "phash", 5).duplicates(p1, d1, p2, d2));
    assertTrue(new PerceptualDedupSettings(4, "dhash", 5).duplicates(p1, d1, p2, d2));
    assertFalse(new PerceptualDedupSettings(4, "both", 5).duplicates(p1, d1, p2, d2));
    assertTrue(new PerceptualDedupSettings(5, "both", 6).duplicates(p1, d1, p2, d2));
    assertEquals(d2, new PerceptualDedupSettings(4, "dhash", 5).bandedHash(p2, d2));
  }
}
