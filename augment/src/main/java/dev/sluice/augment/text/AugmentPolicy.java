package dev.sluice.augment.text;

import dev.sluice.core.config.DidYouMean;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recipe's text augmentation: a rate per op, applied in {@link #OPS} order, each op to the previous op's output.
 * The word ops are EDA's (Wei and Zou, "EDA: Easy Data Augmentation Techniques for Boosting Performance on Text
 * Classification Tasks", EMNLP 2019): synonym replacement, random insertion, random swap, random deletion, with α
 * as in the paper; then character noise (keyboard typos, OCR confusions), sentence shuffling and SpanBERT-style span
 * masking and deletion. {@link #augment} is a pure function of its arguments: every random choice comes from a
 * generator seeded from (seed, document id, copy, op), one per op, so the same call gives the same text on any JVM,
 * and turning one op on or off leaves every other op's choices as they were.
 *
 * <p>Serializable and small: it holds only the rates. The thesaurus and stop words load once per JVM, on the first
 * document that needs them.
 */
public final class AugmentPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Every op a recipe may name, in the order a policy applies them. */
  public static final List<String> OPS =
      List.of(
          "synonym",
          "insert",
          "swap",
          "delete",
          "typo",
          "ocr",
          "sentence_shuffle",
          "span_mask",
          "span_delete");

  /** The ops that need English resources (thesaurus, stop words). */
  public static final Set<String> ENGLISH_OPS = Set.of("synonym", "insert");

  /** Share of Latin-script letters from which a document of unknown language counts as English. */
  static final double LATIN_SHARE = 0.9;

  /** One draft per thread, reused document after document: its buffers are what an op would allocate. */
  private static final ThreadLocal<Draft> DRAFTS = ThreadLocal.withInitial(Draft::new);

  /** Rate per op, in OPS order; NaN where the recipe does not name the op. */
  private final double[] rates;

  private AugmentPolicy(double[] rates) {
    this.rates = rates;
  }

  /** A deserialized policy is checked like a new one. */
  private Object readResolve() throws java.io.ObjectStreamException {
    if (rates == null || rates.length != OPS.size()) {
      throw new java.io.InvalidObjectException("augment: a policy holds one rate per op in " + OPS);
    }
    for (double r : rates) {
      if (!Double.isNaN(r) && !(r >= 0 && r <= 1)) {
        throw new java.io.InvalidObjectException("augment: rate out of 0..1: " + r);
      }
    }
    return this;
  }

  /**
   * A policy from a recipe's rates by op name. A rate of 0 turns the op off.
   *
   * @throws IllegalArgumentException for an op not in {@link #OPS} or a rate that is NaN, below 0 or above 1
   */
  public static AugmentPolicy of(Map<String, Double> rates) {
    if (rates == null) throw new IllegalArgumentException("augment: rates must not be null");
    double[] r = new double[OPS.size()];
    java.util.Arrays.fill(r, Double.NaN);
    for (Map.Entry<String, Double> e : rates.entrySet()) {
      String op = e.getKey();
      int i = OPS.indexOf(op);
      if (i < 0) {
        throw new IllegalArgumentException(
            "augment: unknown op '" + op + "'" + DidYouMean.hint(op, OPS) + "; allowed: " + OPS);
      }
      Double v = e.getValue();
      if (v == null || v.isNaN() || v < 0 || v > 1) {
        throw new IllegalArgumentException(
            "augment: rate of '"
                + op
                + "' must be a number from 0 to 1 (0 turns it off), got "
                + v);
      }
      r[i] = v;
    }
    return new AugmentPolicy(r);
  }

  /** The rates the recipe named, in {@link #OPS} order; unmodifiable. */
  public Map<String, Double> rates() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < rates.length; i++)
      if (!Double.isNaN(rates[i])) out.put(OPS.get(i), rates[i]);
    return Collections.unmodifiableMap(out);
  }

  /**
   * One augmented copy of a document. A pure function of all its arguments: same arguments, same result, on any JVM
   * or machine.
   *
   * @param lang the document's ISO 639-1 code from language ID, or "und" when unknown
   * @param copy which copy of the document, from 1
   */
  public Augmented augment(String text, String lang, long seed, String docId, int copy) {
    if (text == null) throw new IllegalArgumentException("augment: text must not be null");
    if (docId == null) throw new IllegalArgumentException("augment: docId must not be null");
    if (copy < 1) throw new IllegalArgumentException("augment: copy must be >= 1, got " + copy);
    long idHash = Rng.idHash(docId);
    int english = -1; // -1 not yet known, 0 no, 1 yes
    Draft draft = DRAFTS.get();
    draft.reset(text);
    List<String> changed = new ArrayList<>(4);
    List<String> unchanged = new ArrayList<>(2);
    List<String> skipped = new ArrayList<>(2);
    for (int i = 0; i < rates.length; i++) {
      double rate = rates[i];
      if (!(rate > 0)) continue;
      String name = OPS.get(i);
      if (ENGLISH_OPS.contains(name)) {
        if (english < 0) english = isEnglish(lang, text) ? 1 : 0;
        if (english == 0) {
          skipped.add(name);
          continue;
        }
      }
      boolean did = op(i, rate).apply(draft, Rng.forOp(seed, idHash, copy, i));
      (did ? changed : unchanged).add(name);
    }
    String out = draft.text();
    draft.reset(null); // the buffers stay for the thread's next document; the text goes
    return new Augmented(out, changed, unchanged, skipped);
  }

  private static TextOp op(int index, double rate) {
    switch (index) {
      case 0:
        return new SynonymReplace(rate, Lexicon.english());
      case 1:
        return new RandomInsert(rate, Lexicon.english());
      case 2:
        return new RandomSwap(rate);
      case 3:
        return new RandomDelete(rate);
      case 4:
        return new KeyboardTypos(rate);
      case 5:
        return new OcrNoise(rate);
      case 6:
        return new SentenceShuffle(rate);
      case 7:
        return new SpanMask(rate, false);
      case 8:
        return new SpanMask(rate, true);
      default:
        throw new IllegalStateException("no op " + index);
    }
  }

  /**
   * English resources apply when language ID said "en" (a region suffix such as "en-GB" allowed), or when it could
   * not tell ("und" or empty) and at least 90% of the letters are Latin script.
   */
  static boolean isEnglish(String lang, String text) {
    String l = lang == null ? "" : lang.strip().toLowerCase(Locale.ROOT);
    if (l.equals("en") || l.startsWith("en-") || l.startsWith("en_")) return true;
    if (!l.isEmpty() && !l.equals("und")) return false;
    long latin = 0;
    long letters = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 128) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
          latin++;
          letters++;
        }
      } else if (Character.isLetter(cp)) {
        letters++;
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) latin++;
      }
    }
    return letters > 0 && latin >= LATIN_SHARE * letters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AugmentPolicy && java.util.Arrays.equals(rates, ((AugmentPolicy) o).rates);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(rates);
  }

  @Override
  public String toString() {
    return "AugmentPolicy" + rates();
  }
}
