package dev.sluice.augment.difficulty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The saved, versioned file a curriculum uses: a {@link CharNgramModel} plus a word unigram table, both from one
 * reference corpus. Immutable and safe to share between threads; open it once per worker.
 */
public final class DifficultyModel {
  public static final String FORMAT = "sluice-difficulty-model/1";
  public static final int DEFAULT_ORDER = 5;

  private final CharNgramModel chars;
  private final WordUnigrams words;
  private final long docs;
  private final long codePoints;
  private volatile String version;

  DifficultyModel(
      CharNgramModel chars, WordUnigrams words, long docs, long codePoints, String version) {
    this.chars = chars;
    this.words = words;
    this.docs = docs;
    this.codePoints = codePoints;
    this.version = version;
  }

  /** Trains on {@code docs}, which it iterates twice. */
  public static DifficultyModel train(Iterable<String> docs, int order) {
    try {
      return train(docs::forEach, order);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code .jsonl} / {@code .jsonl.gz}: the "text" field of each line (a line that is not a JSON object with a
   * string "text" → {@link IllegalArgumentException} naming file and line; blank lines are skipped); {@code .txt}
   * / {@code .txt.gz}: each blank-line-separated paragraph is a document. Files are read in the given order,
   * twice.
   */
  public static DifficultyModel trainFromFiles(List<Path> files, int order) throws IOException {
    CharNgramModel.checkOrder(order);
    return train(new CorpusFiles(files), order);
  }

  private static DifficultyModel train(Corpus corpus, int order) throws IOException {
    CharNgramModel.checkOrder(order);
    CodePointCounts cps = new CodePointCounts();
    WordUnigrams.Builder words = new WordUnigrams.Builder();
    corpus.forEach(
        doc -> {
          cps.add(doc);
          words.add(doc);
        });
    if (cps.docs() == 0) {
      // every perplexity would be the same constant, and every document in one bucket
      throw new IllegalArgumentException("the reference holds no document to train on");
    }
    CharNgramModel chars =
        KneserNey.train(corpus, order, cps.vocabulary(Vocabulary.bitsFor(order)), cps.docs());
    return new DifficultyModel(chars, words.build(), cps.docs(), cps.codePoints(), null);
  }

  /** Writes the model atomically (a temporary file beside {@code file}, then a move). */
  public void save(Path file) throws IOException {
    byte[] content = content();
    byte[] hash = ModelFile.sha256(content);
    ModelFile.save(file, content, hash);
    version = ModelFile.version(order(), hash);
  }

  /**
   * A file that is not a model, of another format version, truncated or damaged → {@link
   * IllegalArgumentException} naming the file and what is wrong.
   */
  public static DifficultyModel load(Path file) throws IOException {
    return ModelFile.load(file);
  }

  private byte[] content() {
    return ModelFile.content(docs, codePoints, chars, words);
  }

  /**
   * Smoothing, order and the first 12 hex digits of the SHA-256 of the model's content, e.g. {@code
   * kn5-3fa81c09b2d4}: the same corpus and order give the same version and a byte-identical saved file.
   */
  public String version() {
    String v = version;
    if (v == null) {
      v = ModelFile.version(order(), ModelFile.sha256(content()));
      version = v;
    }
    return v;
  }

  public int order() {
    return chars.order();
  }

  public long trainingDocs() {
    return docs;
  }

  public long trainingCodePoints() {
    return codePoints;
  }

  /** Word tokens in the reference corpus. */
  public long trainingWords() {
    return words.tokens();
  }

  /** Distinct (lowercased) words in the reference corpus. */
  public int wordTypes() {
    return words.types();
  }

  public CharNgramModel characterModel() {
    return chars;
  }

  /**
   * Per-code-point perplexity of the text (exp of the mean negative natural-log probability over its code points
   * plus end-of-text); NaN for empty text.
   */
  public double perplexity(String text) {
    return chars.perplexity(text);
  }

  /**
   * Mean −log2 unigram probability of the text's words (lowercased with {@code Locale.ROOT}; words as maximal
   * letter/digit runs, a combining mark continuing a word), add-one smoothed with one {@code <unk>} slot; NaN
   * when the text has no words.
   */
  public double rarity(String text) {
    return words.rarity(text);
  }
}
