package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The standard sRGB profile is hidden from the decoder and any other profile is not: the sample photos that carry
 * it decode to exactly the pixels the converting reader gave, with and without the profile (and the segment, 3,162
 * bytes, is all that goes); another profile, a profile changed in one byte, a damaged segment length, no profile, a
 * gray or four-component frame, an Adobe RGB or YCCK transform, or chunks misnumbered leave the bytes as they are;
 * the profile split over two chunks is recognised too.
 */
class StandardSrgbProfileTest {
  private static final int SEGMENT = 2 + 2 + 14 + 3144;

  static List<Path> gettyPhotos() {
    return Samples.files("photos").stream()
        .filter(p -> p.getFileName().toString().startsWith("getty-"))
        .toList();
  }

  @Test
  void samplePhotosDecodeToTheSamePixelsWithoutTheConversion() throws Exception {
    assertEquals(6, gettyPhotos().size());
    for (Path p : gettyPhotos()) {
      byte[] bytes = Samples.bytes(p);
      byte[] stripped = StandardSrgbProfile.strip(bytes);
      int seg = indexOf(bytes, "ICC_PROFILE") - 4;
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      expected.write(bytes, 0, seg);
      expected.write(bytes, seg + SEGMENT, bytes.length - seg - SEGMENT);
      assertArrayEquals(expected.toByteArray(), stripped, p + ": the ICC segment and nothing else");
      Pixels converted = BufferedImages.toPixels(ImageIO.read(new ByteArrayInputStream(bytes)));
      Pixels unconverted =
          BufferedImages.toPixels(ImageIO.read(new ByteArrayInputStream(stripped)));
      Pixels decoded =
          ImageDecoder.decode(bytes, p.getFileName().toString(), ImageDecoder.Settings.DEFAULTS)
              .pixels();
      assertEquals(converted.width(), decoded.width());
      assertArrayEquals(converted.data(), unconverted.data(), p + ": the same samples unconverted");
      assertArrayEquals(converted.data(), decoded.data(), p + ": the same samples decoded");
    }
  }

  @Test
  void otherProfilesNoProfileAndDamageLeaveTheBytes() {
    byte[] adobe = Samples.bytes(Samples.root().resolve("photos/skimage-rocket.jpg"));
    assertSame(adobe, StandardSrgbProfile.strip(adobe), "another profile is converted as before");

    byte[] srgb = Samples.bytes(gettyPhotos().get(0));
    byte[] none = StandardSrgbProfile.strip(srgb);
    assertSame(none, StandardSrgbProfile.strip(none), "no profile");

    int icc = indexOf(srgb, "ICC_PROFILE");
    byte[] edited = srgb.clone();
    edited[icc + 14 + 100]++;
    assertSame(
        edited, StandardSrgbProfile.strip(edited), "a profile one byte off is not the standard");

    byte[] cut =
        Arrays.copyOf(srgb, icc + 100); // the ICC segment now runs past the end of the file
    assertSame(cut, StandardSrgbProfile.strip(cut), "a segment longer than the file");
    byte[] tiny = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    assertSame(tiny, StandardSrgbProfile.strip(tiny));
  }

  @Test
  void onlyAThreeComponentYCbCrFrameWithChunksNumberedInOrder() {
    byte[] srgb = Samples.bytes(gettyPhotos().get(0));
    int sof = sofComponents(srgb);
    assertEquals(3, srgb[sof]);
    for (int n : new int[] {1, 4}) {
      byte[] other = srgb.clone();
      other[sof] = (byte) n; // gray or CMYK/YCCK: the reader's path differs with the profile
      assertSame(other, StandardSrgbProfile.strip(other), n + " components");
    }
    int seg = indexOf(srgb, "ICC_PROFILE") - 4;
    for (int transform : new int[] {0, 2}) {
      ByteArrayOutputStream adobe = new ByteArrayOutputStream();
      adobe.write(srgb, 0, seg);
      adobe.writeBytes(
          new byte[] {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100});
      adobe.writeBytes(new byte[] {0, 0, 0, 0, (byte) transform});
      adobe.write(srgb, seg, srgb.length - seg);
      byte[] b = adobe.toByteArray();
      assertSame(b, StandardSrgbProfile.strip(b), "Adobe transform " + transform);
    }
    byte[] renumbered = srgb.clone();
    renumbered[seg + 4 + 12] = 2; // chunk 2 of 1
    assertSame(renumbered, StandardSrgbProfile.strip(renumbered), "chunk numbers out of order");
    byte[] recounted = srgb.clone();
    recounted[seg + 4 + 13] = 2; // chunk 1 of 2, and no chunk 2
    assertSame(recounted, StandardSrgbProfile.strip(recounted), "a chunk missing");
  }

  /** The offset of the first frame header's component count. */
  private static int sofComponents(byte[] b) {
    for (int i = 2; i + 10 < b.length; i++) {
      int m = b[i + 1] & 0xFF;
      if ((b[i] & 0xFF) == 0xFF && (m == 0xC0 || m == 0xC1 || m == 0xC2)) return i + 9;
    }
    throw new AssertionError("no SOF0-2");
  }

  @Test
  void theProfileSplitOverTwoChunksIsRecognised() {
    byte[] srgb = Samples.bytes(gettyPhotos().get(0));
    int seg = indexOf(srgb, "ICC_PROFILE") - 4;
    byte[] profile = Arrays.copyOfRange(srgb, seg + 4 + 14, seg + SEGMENT);
    ByteArrayOutputStream split = new ByteArrayOutputStream();
    split.write(srgb, 0, seg);
    chunk(split, profile, 0, 1000, 1);
    chunk(split, profile, 1000, profile.length, 2);
    split.write(srgb, seg + SEGMENT, srgb.length - seg - SEGMENT);
    byte[] twoChunks = split.toByteArray();
    assertArrayEquals(StandardSrgbProfile.strip(srgb), StandardSrgbProfile.strip(twoChunks));
  }

  private static void chunk(ByteArrayOutputStream out, byte[] profile, int from, int to, int seq) {
    int len = 2 + 14 + (to - from);
    out.write(0xFF);
    out.write(0xE2);
    out.write(len >> 8);
    out.write(len & 0xFF);
    out.writeBytes("ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.write(seq);
    out.write(2);
    out.write(profile, from, to - from);
  }

  private static int indexOf(byte[] b, String s) {
    byte[] t = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i + t.length <= b.length; i++) {
      if (Arrays.equals(b, i, i + t.length, t, 0, t.length)) return i;
    }
    throw new AssertionError(s + " not found");
  }
}
