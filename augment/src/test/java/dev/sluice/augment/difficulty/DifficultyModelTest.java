package dev.sluice.augment.difficulty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DifficultyModelTest {
  private static List<String> training;
  private static List<String> heldOut;
  private static DifficultyModel model;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    Map<String, String> moby = Samples.mobyDick();
    training =
        moby.entrySet().stream()
            .filter(e -> !Samples.heldOut(e.getKey()))
            .map(Map.Entry::getValue)
            .collect(Collectors.toList());
    heldOut =
        moby.entrySet().stream()
            .filter(e -> Samples.heldOut(e.getKey()))
            .map(Map.Entry::getValue)
            .collect(Collectors.toList());
    model = DifficultyModel.train(training, DifficultyModel.DEFAULT_ORDER);
  }

  @Test
  void recordsWhatItWasTrainedOn() {
    assertEquals(5, model.order());
    assertEquals(training.size(), model.trainingDocs());
    assertEquals(
        training.stream().mapToLong(t -> t.codePointCount(0, t.length())).sum(),
        model.trainingCodePoints());
    assertTrue(model.version().matches("kn5-[0-9a-f]{12}"), model.version());
    assertTrue(model.wordTypes() > 10_000 && model.trainingWords() > 150_000);
  }

  @Test
  void saveAndLoadKeepPerplexityRarityAndVersion() throws IOException {
    Path f = dir.resolve("difficulty.model");
    model.save(f);
    DifficultyModel back = DifficultyModel.load(f);
    assertEquals(model.version(), back.version());
    assertEquals(model.order(), back.order());
    assertEquals(model.trainingDocs(), back.trainingDocs());
    assertEquals(model.trainingCodePoints(), back.trainingCodePoints());
    for (String t :
        Stream.concat(heldOut.stream(), Stream.of("", "x", "\u4e2d\u6587 ok")).toList()) {
      assertEquals(model.perplexity(t), back.perplexity(t), 0, t);
      assertEquals(model.rarity(t), back.rarity(t), 0, t);
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(f), left.toList(), "no temporary file left beside the model");
    }
  }

  @Test
  void trainingTwiceGivesByteIdenticalFilesAndTheSameVersion() throws IOException {
    Path a = dir.resolve("a.model");
    Path b = dir.resolve("b.model");
    DifficultyModel first = DifficultyModel.train(training.subList(0, 40), 6);
    DifficultyModel second = DifficultyModel.train(List.copyOf(training.subList(0, 40)), 6);
    assertEquals(first.version(), second.version());
    first.save(a);
    second.save(b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertTrue(first.version().startsWith("kn6-"));
    DifficultyModel other = DifficultyModel.train(training.subList(0, 41), 6);
    assertNotEquals(first.version(), other.version());
    assertNotEquals(
        first.version().substring(4),
        DifficultyModel.train(training.subList(0, 40), 5).version().substring(4));
  }

  @Test
  void savingOverAnExistingModelReplacesIt() throws IOException {
    Path f = dir.resolve("m.model");
    DifficultyModel.train(List.of("tiny"), 3).save(f);
    model.save(f);
    assertEquals(model.version(), DifficultyModel.load(f).version());
  }

  private Path saved() throws IOException {
    Path f = dir.resolve("good.model");
    DifficultyModel.train(training.subList(0, 20), 4).save(f);
    return f;
  }

  private static String rejection(Path f) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DifficultyModel.load(f));
    assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void aTruncatedModelIsRejectedNamingTheFile() throws IOException {
    byte[] good = Files.readAllBytes(saved());
    for (int keep : new int[] {good.length - 1, good.length - 9, good.length / 2, 40, 30, 10}) {
      Path f = dir.resolve("cut-" + keep + ".model");
      Files.write(f, Arrays.copyOf(good, keep));
      String m = rejection(f);
      assertTrue(m.contains("truncated") || m.contains("not a difficulty model"), m);
    }
    Path empty = Files.write(dir.resolve("empty.model"), new byte[0]);
    assertTrue(rejection(empty).contains("empty"));
  }

  @Test
  void aModelOfAnotherFormatVersionIsRejectedNamingTheVersion() throws IOException {
    byte[] good = Files.readAllBytes(saved());
    byte[] other =
        new String(good, StandardCharsets.ISO_8859_1)
            .replaceFirst("sluice-difficulty-model/1", "sluice-difficulty-model/2")
            .getBytes(StandardCharsets.ISO_8859_1);
    Path f = Files.write(dir.resolve("v2.model"), other);
    assertTrue(
        rejection(f)
            .contains(
                "format sluice-difficulty-model/2; this build reads sluice-difficulty-model/1"));
  }

  @Test
  void filesThatAreNotModelsAreRejectedNamingTheFile() throws IOException {
    byte[] random = new byte[5000];
    long seed = 7;
    new Random(seed).nextBytes(random);
    assertTrue(
        rejection(Files.write(dir.resolve("random.bin"), random))
            .contains("not a difficulty model"));
    Path json = Files.writeString(dir.resolve("doc.jsonl"), "{\"text\": \"hello\"}\n");
    assertTrue(rejection(json).contains("not a difficulty model"));
    Path gz = dir.resolve("other.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(rejection(gz).contains("not a difficulty model"));
    // the right first line, then something that is not the gzip of a model
    Path header = dir.resolve("header-only.model");
    Files.write(
        header,
        (DifficultyModel.FORMAT + "\n" + "garbage garbage").getBytes(StandardCharsets.UTF_8));
    assertTrue(rejection(header).contains("damaged"), rejection(header));
  }

  @Test
  void aModelWithAFlippedByteFailsItsChecksum() throws IOException {
    byte[] good = Files.readAllBytes(saved());
    int flipped = 0;
    for (int at : new int[] {good.length / 3, good.length / 2, good.length - 20}) {
      byte[] bad = good.clone();
      bad[at] ^= 0x10;
      Path f = Files.write(dir.resolve("flip-" + at + ".model"), bad);
      String m = rejection(f);
      assertTrue(m.contains("damaged") || m.contains("truncated"), m);
      flipped++;
    }
    assertEquals(3, flipped);
  }

  @Test
  void theEnglishModelRanksEnglishAsEasierThanRandomStrings() {
    long seed = 42;
    Random r = new Random(seed);
    String letters = "abcdefghijklmnopqrstuvwxyz      ";
    double[] english = heldOut.stream().mapToDouble(model::perplexity).toArray();
    double[] random = new double[english.length];
    for (int i = 0; i < random.length; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < 3000; j++) sb.append(letters.charAt(r.nextInt(letters.length())));
      random[i] = model.perplexity(sb.toString());
    }
    double[] sample = new double[english.length * 2];
    System.arraycopy(english, 0, sample, 0, english.length);
    System.arraycopy(random, 0, sample, english.length, random.length);
    double[] sorted = Percentiles.sorted(sample);
    for (double e : english) assertTrue(Percentiles.rank(sorted, e) < 0.5, "English " + e);
    for (double x : random) assertTrue(Percentiles.rank(sorted, x) > 0.5, "random " + x);
  }

  @Test
  void commonWordsAreLessRareThanRareWordsAndCaseDoesNotMatter() {
    double common = model.rarity("the whale and the sea");
    double rare = model.rarity("sesquipedalian obfuscation quantum");
    assertTrue(common < rare, common + " vs " + rare);
    assertEquals(model.rarity("the whale"), model.rarity("THE Whale"), 0);
    assertEquals(model.rarity("whale"), model.rarity("...whale!!!"), 0);
    // all three unseen words cost the same: the one <unk> slot
    assertEquals(model.rarity("qqqq"), rare, 1e-12);
  }

  @Test
  void rarityIsNaNForTextWithoutWords() {
    assertTrue(Double.isNaN(model.rarity("")));
    assertTrue(Double.isNaN(model.rarity("  ... --- !!! \n")));
    assertTrue(Double.isFinite(model.rarity("1851")), "digits form a word");
  }

  @Test
  void rarityHandlesNonLatinScripts() {
    for (String id :
        List.of("udhr-cmn_hans", "udhr-hin", "udhr-arb", "udhr-tha", "udhr-kor", "udhr-rus")) {
      double r = model.rarity(Samples.udhr(id));
      double p = model.perplexity(Samples.udhr(id));
      assertTrue(Double.isFinite(r) && r > model.rarity("the sea"), id + " rarity " + r);
      assertTrue(Double.isFinite(p) && p > 1, id + " perplexity " + p);
    }
    // an Indic vowel sign continues its word: one word, not three
    WordUnigrams.Builder b = new WordUnigrams.Builder();
    b.add("\u0939\u093f\u0928\u094d\u0926\u0940");
    assertEquals(1, b.build().tokens());
  }

  @Test
  void wordsAreMaximalLetterOrDigitRunsLowercasedWithTheRootLocale() {
    List<String> words = new java.util.ArrayList<>();
    WordUnigrams.forEachWord(
        "Don't STOP-me 42nd \u0130stanbul \u00c9t\u00c9 \uD835\uDC00b", words::add);
    assertEquals(
        List.of(
            "don", "t", "stop", "me", "42nd", "i\u0307stanbul", "\u00e9t\u00e9", "\uD835\uDC00b"),
        words);
  }
}
