package dev.sluice.augment.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.quality.image.Pixels;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A real photo (scikit-image's astronaut, 512 × 512, from the shared samples kit when this machine has it; skipped
 * otherwise): every op and policy runs on natural-image statistics, twice, with the same bytes.
 */
class ImagePhotoTest {
  @Test
  void everyOpAndPolicyRunsOnAPhotoDeterministically() throws Exception {
    Optional<Pixels> photo = TestImages.photo();
    assumeTrue(photo.isPresent(), "no samples kit at " + TestImages.PHOTO);
    Pixels p = photo.get();
    assertEquals(3, p.channels());
    ImageAugmentPolicy every =
        ImageAugmentPolicy.from(Map.of("policy", "ops", "ops", ImageAugmentPolicyTest.EVERY_OP));
    ImageAugmentPolicy ra = ImageAugmentPolicy.from(Map.of("policy", "randaugment"));
    ImageAugmentPolicy ta = ImageAugmentPolicy.from(Map.of("policy", "trivialaugment"));
    int changed = 0;
    for (int copy = 1; copy <= 6; copy++) {
      for (ImageAugmentPolicy policy : new ImageAugmentPolicy[] {every, ra, ta}) {
        ImageAugmentPolicy.Result a = policy.apply(p, 2026, "astronaut", copy);
        assertEquals(a, policy.apply(p, 2026, "astronaut", copy));
        assertEquals(p.width(), a.pixels().width());
        if (!a.pixels().equals(p)) changed++;
      }
    }
    assertTrue(changed >= 14, "copies that differ from the photo: " + changed + " of 18");
    // equalize spreads the photo's luma over the whole range
    Pixels eq = Tone.equalize(p.toGray());
    int[] q = new int[4];
    for (byte b : eq.data()) q[(b & 0xFF) / 64]++;
    for (int c : q) assertEquals(eq.pixelCount() / 4.0, c, eq.pixelCount() / 10.0);
    assertNotEquals(p, Hue.shift(p, 0.25));
    assertEquals(p, Hue.shift(p, 0));
  }
}
