package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import dev.sluice.quality.rules.Rejection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageRulesTest {
  static final ImageRules DEFAULTS = ImageRules.defaults();

  static Optional<Rejection> check(Pixels p, byte[] encoded, String format) {
    return DEFAULTS.check(ImageSignals.measure(p, encoded, format));
  }

  static Optional<Rejection> checkPng(Pixels p) {
    return check(p, ImageDecoder.encodePng(p), "png");
  }

  @Test
  void everyRealSampleImagePassesTheDefaults() throws ImageRejected {
    List<Path> files = new ArrayList<>(Samples.files("photos"));
    files.addAll(Samples.files("icons-tango"));
    files.addAll(Samples.anywhere("fashion-mnist-1k"));
    files.addAll(Samples.anywhere("digits-8x8/png"));
    List<String> failed = new ArrayList<>();
    for (Path p : files) {
      byte[] b = Samples.bytes(p);
      ImageDecoder.Decoded d = ImageDecoder.decode(b, p.toString(), null);
      check(d.pixels(), b, d.sourceFormat()).ifPresent(r -> failed.add(p + " " + r));
    }
    assertEquals(List.of(), failed);
    assertTrue(files.size() >= 331, "photos + icons at least: " + files.size());
    System.out.println("ImageRulesTest: " + files.size() + " sample images pass the defaults");
  }

  @Test
  void solidTinyAndStripImagesFailTheDefaults() {
    byte[] grayFill = new byte[100 * 100 * 3];
    java.util.Arrays.fill(grayFill, (byte) 128);
    assertEquals("image.min_blur", checkPng(new Pixels(100, 100, 3, grayFill)).get().rule());
    assertEquals("image.min_blur", checkPng(Pixels.blank(64, 64, 1)).get().rule());
    Random r = new Random(7);
    byte[] noise4 = new byte[16];
    r.nextBytes(noise4);
    Rejection tiny = checkPng(new Pixels(4, 4, 1, noise4)).get();
    assertEquals(new Rejection("image.min_width", 4), tiny);
    byte[] strip = new byte[1000 * 10];
    r.nextBytes(strip);
    assertEquals(
        new Rejection("image.max_aspect_ratio", 100.0),
        checkPng(new Pixels(1000, 10, 1, strip)).get());
  }

  @Test
  void eachRuleFailsJustPastItsThresholdAndPassesAtIt() {
    ImageSignals.Values ok =
        new ImageSignals.Values(100, 100, 1.0, 5000, 500, 0.5, 0.2, 10, 6, 0.3, 90.0);
    assertEquals(Optional.empty(), DEFAULTS.check(ok));
    assertRule("image.min_width", with(ok, "width", 7), with(ok, "width", 8));
    assertRule("image.min_height", with(ok, "height", 7), with(ok, "height", 8));
    assertRule(
        "image.max_aspect_ratio", with(ok, "aspect_ratio", 4.0001), with(ok, "aspect_ratio", 4.0));
    assertRule(
        "image.max_file_bytes",
        with(ok, "file_bytes", (64 << 20) + 1),
        with(ok, "file_bytes", 64 << 20));
    assertRule("image.min_blur", with(ok, "blur", 0.999), with(ok, "blur", 1.0));
    assertRule(
        "image.min_brightness", with(ok, "brightness", 0.0199), with(ok, "brightness", 0.02));
    assertRule(
        "image.max_brightness", with(ok, "brightness", 0.9801), with(ok, "brightness", 0.98));
    assertRule("image.min_contrast", with(ok, "contrast", 0.0199), with(ok, "contrast", 0.02));
    assertRule("image.min_entropy", with(ok, "entropy", 0.499), with(ok, "entropy", 0.5));
    assertRule(
        "image.max_uniform_fraction",
        with(ok, "uniform_fraction", 0.951),
        with(ok, "uniform_fraction", 0.95));
    assertRule(
        "image.min_jpeg_quality", with(ok, "jpeg_quality", 29), with(ok, "jpeg_quality", 30));
    ImageRules withMinBytes = ImageRules.from(Map.of("min_file_bytes", 100));
    assertEquals(
        "image.min_file_bytes", withMinBytes.check(with(ok, "file_bytes", 99)).get().rule());
    assertEquals(Optional.empty(), withMinBytes.check(with(ok, "file_bytes", 100)));
  }

  @Test
  void theFirstFailingRuleInKeyOrderWins() {
    ImageSignals.Values bad = new ImageSignals.Values(4, 4, 1.0, 10, 0, 0, 0, 0, 0, 1, 1.0);
    assertEquals(new Rejection("image.min_width", 4), DEFAULTS.check(bad).get());
  }

  @Test
  void theRecipeSectionOverridesDefaultsAndRejectsTypos() {
    assertEquals(DEFAULTS, ImageRules.from(null));
    assertEquals(DEFAULTS, ImageRules.from(Map.of()));
    ImageRules r = ImageRules.from(Map.of("min_width", 32, "max_brightness", 0.9));
    assertEquals(32, r.minWidth());
    assertEquals(0.9, r.maxBrightness());
    assertEquals(DEFAULTS.minBlur(), r.minBlur());
    Config.ConfigException e =
        assertThrows(Config.ConfigException.class, () -> ImageRules.from(Map.of("min_widht", 3)));
    assertTrue(e.getMessage().contains("did you mean 'min_width'?"), e.getMessage());
    assertEquals("quality.image.min_widht", e.field());
    e =
        assertThrows(
            Config.ConfigException.class,
            () -> ImageRules.from(Map.of("max_uniform_fraction", 1.5)));
    assertEquals("quality.image.max_uniform_fraction", e.field());
    e =
        assertThrows(
            Config.ConfigException.class,
            () -> ImageRules.from(Map.of("min_brightness", 0.6, "max_brightness", 0.5)));
    assertEquals("quality.image.min_brightness", e.field());
    // entropy is at most 8 bits, libjpeg quality at most 100: a higher minimum would remove every
    // image
    for (Map<String, Object> over :
        List.<Map<String, Object>>of(Map.of("min_entropy", 9), Map.of("min_jpeg_quality", 150))) {
      e = assertThrows(Config.ConfigException.class, () -> ImageRules.from(over));
      assertEquals("quality.image." + over.keySet().iterator().next(), e.field());
    }
    assertEquals(8.0, ImageRules.from(Map.of("min_entropy", 8)).minEntropy());
    assertEquals(ImageRules.KEYS.size(), 12);
  }

  @Test
  void thresholdsAreKeyedBySignalForTheReport() {
    Map<String, List<Double>> t = DEFAULTS.thresholds();
    assertEquals(List.of(8.0), t.get("image.width"));
    assertEquals(List.of(0.02, 0.98), t.get("image.brightness"));
    assertEquals(List.of(0.95), t.get("image.uniform_fraction"));
    assertEquals(10, t.size());
  }

  static void assertRule(String rule, ImageSignals.Values failing, ImageSignals.Values passing) {
    assertEquals(rule, DEFAULTS.check(failing).map(Rejection::rule).orElse("passed"));
    assertEquals(Optional.empty(), DEFAULTS.check(passing), rule + " at its threshold");
  }

  static ImageSignals.Values with(ImageSignals.Values v, String key, double x) {
    return new ImageSignals.Values(
        key.equals("width") ? (int) x : v.width(),
        key.equals("height") ? (int) x : v.height(),
        key.equals("aspect_ratio") ? x : v.aspectRatio(),
        key.equals("file_bytes") ? (long) x : v.fileBytes(),
        key.equals("blur") ? x : v.blur(),
        key.equals("brightness") ? x : v.brightness(),
        key.equals("contrast") ? x : v.contrast(),
        v.colourfulness(),
        key.equals("entropy") ? x : v.entropy(),
        key.equals("uniform_fraction") ? x : v.uniformFraction(),
        key.equals("jpeg_quality") ? Double.valueOf(x) : v.jpegQuality());
  }
}
