package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.quality.html.MainText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Faster scoring must not move a score: the current {@link HashedFeatures} gives the same buckets, in the same
 * order, as the pre-optimisation copy {@link ReferenceHashedFeatures}, and a trained model's scores are the same
 * doubles bit for bit (the reference's mean weights through the model's bias and calibration), on real documents
 * (samples/text/en cut into ~3 KB chunks, the Apache manual pages' main text and their HTML source) and on edge
 * cases (empty, space and line-break runs, CR LF, digits, non-ASCII, random UTF-16), for every feature setting.
 */
class HashedFeaturesReferenceTest {
  /** Every bucket a scan gives, words and characters apart, in order. */
  record Grams(List<Integer> words, List<Integer> chars) {}

  static HashedFeatures.Sink collect(Grams g) {
    return new HashedFeatures.Sink() {
      @Override
      public void word(int bucket) {
        g.words().add(bucket);
      }

      @Override
      public void chars(int bucket) {
        g.chars().add(bucket);
      }
    };
  }

  static Grams current(HashedFeatures f, String text) {
    Grams g = new Grams(new ArrayList<>(), new ArrayList<>());
    f.scan(text, collect(g));
    return g;
  }

  static Grams reference(HashedFeatures f, String text) {
    Grams g = new Grams(new ArrayList<>(), new ArrayList<>());
    ref(f).scan(text, collect(g));
    return g;
  }

  static ReferenceHashedFeatures ref(HashedFeatures f) {
    return new ReferenceHashedFeatures(f.bits(), f.wordNgrams(), f.charMin(), f.charMax());
  }

  /**
   * Real text: samples/text/en chunks of ~3,000 chars, and the Apache pages' main text (as a run extracts it) and
   * HTML source (markup: long runs of non-letters, quotes and angle brackets).
   */
  static List<String> realDocuments() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> docs = new ArrayList<>();
    try (var files = Files.list(SampleData.root().resolve("samples/text/en"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        StringBuilder all = new StringBuilder();
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) all.append(json.readTree(line).get("text").asText()).append("\n\n");
        }
        for (int start = 0; start < all.length(); start += 3000) {
          docs.add(all.substring(start, Math.min(all.length(), start + 3000)));
        }
      }
    }
    List<String> pages =
        Files.readAllLines(SampleData.root().resolve("samples/html/apache-manual.jsonl"));
    MainText extractor = new MainText();
    for (int i = 0; i < pages.size(); i += 4) {
      String html = json.readTree(pages.get(i)).get("html").asText();
      docs.add(html);
      try {
        docs.add(
            extractor
                .extract(html.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/html")
                .text());
      } catch (dev.sluice.quality.html.HtmlRejected e) {
        // the Korean pages the sample holds already damaged: their source is in the list
      }
    }
    return docs;
  }

  /** Short texts at the edges of the scan: starts, ends, runs, line breaks, digits, non-ASCII. */
  static List<String> edgeCases() {
    List<String> t =
        new ArrayList<>(
            List.of(
                "",
                " ",
                "\n",
                "\r",
                "\r\n",
                "\n\r",
                "a",
                "ab",
                "abc",
                "abcd",
                "abcde",
                "  a  ",
                "\t\ta\t\t",
                "a \n b",
                "a\n\n  \n b",
                "a\r\n\r\nb\r\r\nc",
                "x\u000B\u000Cy\u001Cz\u001F",
                "Hello World 2024",
                "ÉCOLE école Straße İstanbul ΣΊΣΥΦΟΣ ﬁne",
                "日本語のテキスト、句読点。全角　スペース",
                "emoji \uD83D\uDE00 split \uD83D alone \uDE00",
                "nbsp\u00A0here\u2028line\u2029para\u3000wide",
                "١٢٣ ٤٥٦ arabic digits ๑๒๓ thai",
                "don't stop-believing e.g. 3.14 $5 #tag @user",
                "word1word2 99bottles a1b2c3"));
    Random r = new Random(20261204);
    for (int k = 0; k < 300; k++) {
      StringBuilder s = new StringBuilder();
      int n = r.nextInt(200);
      for (int i = 0; i < n; i++) {
        int kind = r.nextInt(6);
        s.append(
            switch (kind) {
              case 0 -> (char) r.nextInt(128);
              case 1 -> " \t\r\n".charAt(r.nextInt(4));
              case 2 -> (char) ('a' + r.nextInt(26));
              case 3 -> (char) r.nextInt(0x800);
              default -> (char) r.nextInt(0x10000);
            });
      }
      t.add(s.toString());
    }
    return t;
  }

  @Test
  void aTrainedModelScoresRealDocumentsBitForBitAsBefore() throws Exception {
    ClassifierSpec spec = SampleData.spec();
    List<LabelledFiles.Document> all = SampleData.documents();
    List<LabelledFiles.Document> some = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 3)
      some.add(all.get(i)); // a third: enough for a real model, faster
    QualityClassifier c = ClassifierTrainer.train(spec, some).classifier();
    // the model's own weights and bias, read back, against the reference featuriser
    byte[] file = c.weightsFile();
    float[] w = new float[c.features().buckets()];
    java.nio.ByteBuffer.wrap(file, QualityClassifier.HEADER_BYTES, 4 * w.length)
        .asFloatBuffer()
        .get(w);
    Calibration cal = c.calibration();
    assertTrue(cal.slope() != 1, "a calibrated model: " + cal);
    ReferenceHashedFeatures old = ref(c.features());
    List<String> docs = realDocuments();
    docs.addAll(edgeCases());
    assertTrue(docs.size() > 500, docs.size() + " documents");
    int distinct = 0;
    double last = Double.NaN;
    for (String d : docs) {
      // the score's definition changed with calibration (the reference's sum now goes through it
      // too)
      double z = c.bias() + old.meanWeights(d, w);
      double expected = 1 / (1 + Math.exp(-(cal.slope() * z + cal.intercept())));
      double got = c.score(d);
      assertEquals(
          Double.doubleToRawLongBits(expected),
          Double.doubleToRawLongBits(got),
          () -> expected + " vs " + got + " for: " + d.substring(0, Math.min(80, d.length())));
      if (got != last) distinct++;
      last = got;
    }
    assertTrue(distinct > docs.size() / 2, "the model gives varied scores: " + distinct);
  }

  @Test
  void everySettingGivesTheSameBucketsAndSumsAsTheReference() throws Exception {
    List<String> docs = new ArrayList<>(edgeCases());
    List<String> real = realDocuments();
    for (int i = 0; i < real.size(); i += 7) docs.add(real.get(i));
    Random r = new Random(18);
    for (int bits : new int[] {10, 18, 24}) {
      float[] w = new float[1 << bits];
      for (int i = 0; i < w.length; i++)
        w[i] = (float) (r.nextGaussian() * Math.exp(r.nextGaussian() * 3));
      for (int wordN = 0; wordN <= 3; wordN++) {
        for (int cMin = 0; cMin <= HashedFeatures.MAX_CHAR_NGRAM; cMin++) {
          for (int cMax = cMin; cMax <= HashedFeatures.MAX_CHAR_NGRAM; cMax++) {
            if ((cMin == 0) != (cMax == 0) || (wordN == 0 && cMax == 0)) continue;
            HashedFeatures f = new HashedFeatures(bits, wordN, cMin, cMax);
            ReferenceHashedFeatures old = ref(f);
            for (String d : docs) {
              String where = f + " on: " + d.substring(0, Math.min(60, d.length()));
              if (bits == 18) assertEquals(reference(f, d), current(f, d), where);
              assertEquals(
                  Double.doubleToRawLongBits(old.meanWeights(d, w)),
                  Double.doubleToRawLongBits(f.meanWeights(d, w)),
                  where);
            }
          }
        }
      }
    }
  }

  @Test
  void aCharSequenceThatIsNotAStringScoresTheSame() throws Exception {
    HashedFeatures f = HashedFeatures.defaults();
    float[] w = new float[f.buckets()];
    Random r = new Random(7);
    for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
    for (String d : edgeCases()) {
      StringBuilder sb = new StringBuilder(d);
      assertEquals(
          Double.doubleToRawLongBits(f.meanWeights(d, w)),
          Double.doubleToRawLongBits(f.meanWeights(sb, w)));
      assertEquals(current(f, d), reference(f, sb.toString()));
    }
  }
}
