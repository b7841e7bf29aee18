package dev.sluice.augment.text;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Words to their synonyms, looked up by a char range of the text: one open-addressing table built once per JVM
 * ({@link #english()}) from the thesaurus and the stop words, so an op looks up only the words it picks, with no
 * string per lookup. Lookups fold case char by char ({@link Character#toLowerCase(char)}) and read a typographic
 * apostrophe (’) as '. A stop word is never a candidate: {@link #synonyms} answers null for it even when the thesaurus
 * has it ("well", "right", "still"), as EDA excludes stop words before it looks anything up.
 */
final class Lexicon {
  private final String[] keys;
  private final String[][] synonyms;
  private final boolean[] stop;
  private final int mask;

  Lexicon(Map<String, List<String>> thesaurus, List<String> stopWords) {
    int size = Integer.highestOneBit(Math.max(16, (thesaurus.size() + stopWords.size()) * 2)) * 2;
    keys = new String[size];
    synonyms = new String[size][];
    stop = new boolean[size];
    mask = size - 1;
    for (String w : stopWords) stop[slotFor(fold(w))] = true;
    for (Map.Entry<String, List<String>> e : thesaurus.entrySet()) {
      int slot = slotFor(fold(e.getKey()));
      if (!stop[slot] && synonyms[slot] == null) {
        synonyms[slot] = e.getValue().toArray(new String[0]);
      }
    }
  }

  private static final class Holder {
    static final Lexicon ENGLISH = load();

    private static Lexicon load() {
      try (InputStream th = Lexicon.class.getResourceAsStream("thesaurus-en.dat");
          InputStream sw = Lexicon.class.getResourceAsStream("stopwords-en.txt")) {
        if (th == null || sw == null) {
          throw new IllegalStateException(
              "augment: thesaurus-en.dat or stopwords-en.txt missing from the classpath");
        }
        return new Lexicon(Thesaurus.read(th), StopWords.read(sw));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** The shipped English lexicon, loaded on first use and shared by every policy in the JVM. */
  static Lexicon english() {
    return Holder.ENGLISH;
  }

  /** Synonyms of the word text[start, end), or null when it is a stop word or the thesaurus has none. */
  String[] synonyms(String text, int start, int end) {
    int slot = find(text, start, end);
    return slot < 0 ? null : synonyms[slot];
  }

  /** True when text[start, end) is a stop word. */
  boolean isStop(String text, int start, int end) {
    int slot = find(text, start, end);
    return slot >= 0 && stop[slot];
  }

  private int find(String text, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) h = 31 * h + fold(text.charAt(i));
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      String k = keys[slot];
      if (k == null) return -1;
      if (k.length() == end - start && sameFolded(k, text, start)) return slot;
    }
  }

  private static boolean sameFolded(String key, String text, int start) {
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) != fold(text.charAt(start + i))) return false;
    }
    return true;
  }

  private int slotFor(String folded) {
    int h = 0;
    for (int i = 0; i < folded.length(); i++) h = 31 * h + folded.charAt(i);
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      if (keys[slot] == null) {
        keys[slot] = folded;
        return slot;
      }
      if (keys[slot].equals(folded)) return slot;
    }
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 15);
  }

  static char fold(char c) {
    if (c < 128) return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
    return c == '\u2019' ? '\'' : Character.toLowerCase(c);
  }

  static String fold(String w) {
    char[] out = new char[w.length()];
    for (int i = 0; i < out.length; i++) out[i] = fold(w.charAt(i));
    return new String(out);
  }
}
