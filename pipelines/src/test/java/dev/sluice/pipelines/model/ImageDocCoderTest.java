package dev.sluice.pipelines.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** ImageDoc's coder keeps every field through a round trip, alone, in a stream of several and inside a KV. */
class ImageDocCoderTest {
  private static ImageDoc read(String id, String label, byte[] bytes) {
    return ImageDoc.read(id, label, "in/imgs/" + id, "file", 7, bytes);
  }

  /** An analysed image with the schema's signals and one the coder's table does not know. */
  private static ImageDoc analysed(String id) {
    Map<String, Double> signals = new TreeMap<>();
    signals.put("width", 28.0);
    signals.put("blur", 1234.5678);
    signals.put("entropy", Double.NaN);
    signals.put("jpeg_quality", 92.0);
    signals.put("some.new_signal.\u00e9", -0.0);
    return read(id, "0-t-shirt", new byte[] {1, 2, 3})
        .analysed(
            new byte[] {(byte) 0x89, 'P', 'N', 'G'},
            "png",
            28,
            28,
            1,
            "webp",
            signals,
            "ab".repeat(32),
            0x8000_0000_0000_0001L,
            -1L);
  }

  private static void assertSameImage(ImageDoc a, ImageDoc b) {
    assertEquals(a.id(), b.id());
    assertEquals(a.label(), b.label());
    assertEquals(a.source(), b.source());
    assertEquals(a.location(), b.location());
    assertEquals(a.pos(), b.pos());
    assertArrayEquals(a.bytes(), b.bytes());
    assertEquals(a.format(), b.format());
    assertEquals(a.width(), b.width());
    assertEquals(a.height(), b.height());
    assertEquals(a.channels(), b.channels());
    assertEquals(a.sourceFormat(), b.sourceFormat());
    assertEquals(a.fileBytes(), b.fileBytes());
    assertEquals(a.signals(), b.signals());
    assertEquals(a.pixelSha256(), b.pixelSha256());
    assertEquals(a.phash(), b.phash());
    assertEquals(a.dhash(), b.dhash());
    assertEquals(a.exactDups(), b.exactDups());
    assertEquals(a.clusterId(), b.clusterId());
    assertEquals(a.clusterSize(), b.clusterSize());
    assertEquals(a.augmentedFrom(), b.augmentedFrom());
    assertEquals(a.augmentOps(), b.augmentOps());
  }

  private static ImageDoc roundTrip(ImageDoc d) throws IOException {
    return CoderUtils.decodeFromByteArray(
        ImageDoc.CODER, CoderUtils.encodeToByteArray(ImageDoc.CODER, d));
  }

  @Test
  void everyFieldSurvives() throws IOException {
    ImageDoc fresh = read("r01/0-t-shirt/\u00e9t\u00e9 1.png", null, new byte[0]);
    assertSameImage(fresh, roundTrip(fresh));
    ImageDoc a = analysed("a.png");
    assertSameImage(a, roundTrip(a));
    // the cluster id apart from the id, exact duplicates, an augmented copy with its ops
    ImageDoc c = a.withCluster("z.png", 3).withExactDups(2);
    assertSameImage(c, roundTrip(c));
    assertEquals("z.png", roundTrip(c).clusterId());
    ImageDoc aug = a.augmentedCopy("a.png#aug1", List.of("flip_h", "rotate(12.5)"));
    assertSameImage(aug, roundTrip(aug));
    ImageDoc big = read("big", "l", new byte[300_000]);
    Arrays.fill(big.bytes(), 100_000, 200_000, (byte) 7);
    assertSameImage(big, roundTrip(big));
  }

  @Test
  void severalInOneStreamAndInsideAKv() throws IOException {
    ImageDoc a = analysed("a.png");
    ImageDoc b = read("b.jpg", "x", new byte[] {9});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageDoc.CODER.encode(a, out);
    ImageDoc.CODER.encode(b, out);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    assertSameImage(a, ImageDoc.CODER.decode(in));
    assertSameImage(b, ImageDoc.CODER.decode(in));
    assertEquals(0, in.available());
    KvCoder<String, ImageDoc> kv = KvCoder.of(StringUtf8Coder.of(), ImageDoc.CODER);
    KV<String, ImageDoc> back =
        CoderUtils.decodeFromByteArray(kv, CoderUtils.encodeToByteArray(kv, KV.of("k", a)));
    assertEquals("k", back.getKey());
    assertSameImage(a, back.getValue());
  }

  @Test
  void equalImagesEncodeEqually() throws IOException {
    assertArrayEquals(
        CoderUtils.encodeToByteArray(ImageDoc.CODER, analysed("a.png")),
        CoderUtils.encodeToByteArray(ImageDoc.CODER, analysed("a.png")));
  }

  @Test
  void aCutShortStreamIsAnError() throws IOException {
    byte[] whole = CoderUtils.encodeToByteArray(ImageDoc.CODER, analysed("a.png"));
    byte[] cut = Arrays.copyOf(whole, whole.length - 2);
    assertThrows(IOException.class, () -> ImageDoc.CODER.decode(new ByteArrayInputStream(cut)));
  }

  @Test
  void theIdAndTheImageLengthAreReadFromTheEncodingAlone() throws IOException {
    for (ImageDoc d :
        List.of(
            analysed("train/0-t-shirt/00001.png"),
            read("\u00e9t\u00e9/\u732b.png", null, new byte[300]),
            read("x", "y", new byte[0]))) {
      byte[] b = CoderUtils.encodeToByteArray(ImageDoc.CODER, d);
      assertEquals(d.id(), ImageDoc.idOf(b));
      assertEquals(d.bytes().length, ImageDoc.bytesLengthOf(b));
    }
    byte[] cut = Arrays.copyOf(CoderUtils.encodeToByteArray(ImageDoc.CODER, analysed("abc")), 3);
    assertThrows(java.io.UncheckedIOException.class, () -> ImageDoc.idOf(cut));
    assertThrows(java.io.UncheckedIOException.class, () -> ImageDoc.bytesLengthOf(cut));
  }
}
