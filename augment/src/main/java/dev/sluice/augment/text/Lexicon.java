package dev.sluice.augment.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Words to their synonyms, looked up by a char range: one open-addressing table built once per JVM ({@link
 * #english()}) from the thesaurus and the stop words, so an op looks up only the words it picks, with no string per
 * lookup. A probe reads one slot of a small int table (hash, id) and only on a hash match the key in a shared
 * char pool, so a miss rarely leaves the table. Lookups fold case char by char ({@link Character#toLowerCase(char)})
 * and read a typographic apostrophe (’) as '. A stop word is never a candidate: {@link #synonyms} answers null for it
 * even when the thesaurus has it ("well", "right", "still"), as EDA excludes stop words before it looks anything up.
 */
final class Lexicon {
  private static final int STOP = -1;
  private static final int NONE = -2;

  /** Per slot: the key's hash (0 = empty slot) and its id. Two ints a slot: 128 KB for the shipped lexicon. */
  private final int[] table;

  private final int mask;

  /** Per id: where the key starts in {@link #pool}, its length, and its synonyms' index (or STOP). */
  private final int[] keyOff;

  private final int[] keyLen;
  private final int[] entry;
  private final char[] pool;
  private final char[][][] synonyms;

  Lexicon(Map<String, List<String>> thesaurus, List<String> stopWords) {
    int keys = thesaurus.size() + stopWords.size();
    int slots = Integer.highestOneBit(Math.max(16, keys + keys / 2)) * 2;
    table = new int[slots * 2];
    mask = slots - 1;
    keyOff = new int[keys];
    keyLen = new int[keys];
    entry = new int[keys];
    StringBuilder pooled = new StringBuilder();
    synonyms = new char[thesaurus.size()][][];
    int ids = 0;
    for (String w : stopWords) ids = put(fold(w), STOP, pooled, ids);
    int e = 0;
    for (Map.Entry<String, List<String>> kv : thesaurus.entrySet()) {
      List<String> syns = kv.getValue();
      char[][] arr = new char[syns.size()][];
      for (int i = 0; i < arr.length; i++) arr[i] = syns.get(i).toCharArray();
      synonyms[e] = arr;
      ids = put(fold(kv.getKey()), e++, pooled, ids);
    }
    pool = pooled.toString().toCharArray();
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
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The shipped English lexicon, loaded on first use and shared by every policy in the JVM. */
  static Lexicon english() {
    return Holder.ENGLISH;
  }

  /** Synonyms of the word c[from, to) (lower case, never to be modified), or null: a stop word or none. */
  char[][] synonyms(char[] c, int from, int to) {
    int e = find(c, from, to);
    return e >= 0 ? synonyms[e] : null;
  }

  /** True when c[from, to) is a stop word. */
  boolean isStop(char[] c, int from, int to) {
    return find(c, from, to) == STOP;
  }

  private int find(char[] c, int from, int to) {
    int h = hash(c, from, to);
    int len = to - from;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int sh = table[2 * slot];
      if (sh == 0) return NONE;
      if (sh == h) {
        int id = table[2 * slot + 1];
        if (keyLen[id] == len && sameFolded(keyOff[id], c, from, len)) return entry[id];
      }
    }
  }

  private boolean sameFolded(int off, char[] c, int from, int len) {
    for (int i = 0; i < len; i++) if (pool[off + i] != fold(c[from + i])) return false;
    return true;
  }

  private int put(String folded, int value, StringBuilder pooled, int ids) {
    char[] k = folded.toCharArray();
    int h = hash(k, 0, k.length);
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      if (table[2 * slot] == 0) {
        table[2 * slot] = h;
        table[2 * slot + 1] = ids;
        keyOff[ids] = pooled.length();
        keyLen[ids] = k.length;
        entry[ids] = value;
        pooled.append(k);
        return ids + 1;
      }
      int id = table[2 * slot + 1];
      if (table[2 * slot] == h
          && pooled.substring(keyOff[id], keyOff[id] + keyLen[id]).equals(folded)) {
        if (value == STOP) entry[id] = STOP; // a stop word stays one
        return ids;
      }
    }
  }

  /**
   * A non-zero hash of the folded chars. ASCII is folded as {@code c | 0x20}, which lower-cases letters and leaves
   * every char a key holds as it is; other chars fold properly. Equal folded words hash equal, which is all a probe
   * needs: {@link #sameFolded} decides.
   */
  private static int hash(char[] c, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      char ch = c[i];
      h = 31 * h + (ch < 128 ? ch | 0x20 : fold(ch));
    }
    h *= 0x9E3779B9;
    h ^= h >>> 15;
    return h == 0 ? 1 : h;
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
