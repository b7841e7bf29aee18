package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierDirectoryTest {
  @TempDir Path dir;

  static QualityClassifier random(long seed) {
    HashedFeatures f = new HashedFeatures(10, 2, 3, 4);
    float[] w = new float[f.buckets()];
    Random r = new Random(seed);
    for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
    return new QualityClassifier(f, w, 0.25f, new Calibration(7.5, -0.125));
  }

  @Test
  void savesUnderAContentVersionAndLoadsTheSameScores() throws Exception {
    QualityClassifier c = random(1);
    Path saved = ClassifierDirectory.write(dir, "q", c, Map.of("name", "q"));
    assertTrue(saved.getFileName().toString().matches("q-[0-9a-f]{12}"), saved.toString());
    ClassifierDirectory.Loaded l = ClassifierDirectory.load(saved);
    assertEquals(saved.getFileName().toString(), l.version());
    assertArrayEquals(c.weightsFile(), l.classifier().weightsFile());
    String text = "Some text, with words and 3 numbers.\nAnd a second line.";
    assertEquals(c.score(text), l.classifier().score(text));
    assertEquals(new Calibration(7.5, -0.125), l.classifier().calibration());
    assertEquals(
        1 / (1 + Math.exp(-(7.5 * 0.25 - 0.125))), c.score(""), 1e-7, "no n-gram: z = bias");
    assertEquals(7.5, l.modelJson().path("calibration").path("slope").asDouble());
    assertEquals("platt", l.modelJson().path("calibration").path("method").asText());
    byte[] json = Files.readAllBytes(saved.resolve("model.json"));
    Path again = ClassifierDirectory.write(dir, "q", c, Map.of("name", "q"));
    assertEquals(saved, again);
    assertArrayEquals(json, Files.readAllBytes(again.resolve("model.json")));
    assertTrue(!ClassifierDirectory.version("q", random(2).weightsFile()).equals(l.version()));
    // the version covers the calibration: the same weights calibrated otherwise are another model
    String other =
        ClassifierDirectory.version(
            "q", c.withCalibration(new Calibration(7.5, -0.25)).weightsFile());
    assertTrue(!other.equals(l.version()), other);
  }

  @Test
  void refusesAModelJsonWhoseCalibrationIsNotTheWeights() throws Exception {
    Path saved = ClassifierDirectory.write(dir, "q", random(1), Map.of());
    Path json = saved.resolve("model.json");
    Files.writeString(json, Files.readString(json).replace("7.5", "9.5"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClassifierDirectory.load(saved));
    assertTrue(e.getMessage().contains("calibration"), e.getMessage());
  }

  @Test
  void refusesAModelJsonWhoseVersionOrFeaturesAreNotTheWeights() throws Exception {
    Path saved = ClassifierDirectory.write(dir, "q", random(1), Map.of());
    Path json = saved.resolve("model.json");
    String good = Files.readString(json);
    String version = ClassifierDirectory.load(saved).version();
    for (String[] edit :
        new String[][] {
          {"\"" + version + "\"", "\"q-000000000000\"", "version"},
          {"\"" + version + "\"", "\"" + version.substring(1) + "\"", "version"},
          {"\"bits\" : \\d+", "\"bits\" : 23", "features"},
        }) {
      String edited = good.replaceFirst(edit[0], edit[1]);
      assertTrue(!edited.equals(good), edit[0] + " in " + good);
      Files.writeString(json, edited);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ClassifierDirectory.load(saved));
      assertTrue(e.getMessage().contains(edit[2]), e.getMessage());
    }
  }

  @Test
  void aWeightsFileFromBeforeCalibrationIsRefusedWithWhatToDo() {
    byte[] file = random(1).weightsFile();
    file[7] = 1; // version 1
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> QualityClassifier.fromWeightsFile(file));
    assertTrue(e.getMessage().contains("train it again"), e.getMessage());
  }

  @Test
  void refusesDamagedOrForeignDirectories() throws Exception {
    Path saved = ClassifierDirectory.write(dir, "q", random(1), Map.of());
    byte[] w = Files.readAllBytes(saved.resolve("weights.bin"));
    w[100] ^= 1;
    Files.write(saved.resolve("weights.bin"), w);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClassifierDirectory.load(saved));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ClassifierDirectory.load(dir));
    assertThrows(
        IllegalArgumentException.class, () -> QualityClassifier.fromWeightsFile(new byte[40]));
    byte[] file = random(1).weightsFile();
    assertThrows(
        IllegalArgumentException.class,
        () -> QualityClassifier.fromWeightsFile(java.util.Arrays.copyOf(file, file.length - 4)));
  }
}
