package dev.sluice.augment.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Words to their synonyms, looked up by a char range: one open-addressing table built once per JVM ({@link
 * #english()}) from the thesaurus and the stop words, so an op looks up only the words it picks, with no string per
 * lookup. Lookups fold case char by char ({@link Character#toLowerCase(char)}) and read a typographic apostrophe (’)
 * as '. A stop word is never a candidate: {@link #synonyms} answers null for it
 * even when the thesaurus has it ("well", "right", "still"), as EDA excludes stop words before it looks anything up.
 */
final class Lexicon {
  private static final int STOP = -1;
  private static final int NONE = -2;
  private static final long LONG_KEY = 1L << 63;

  /** ASCII folded for packing: lower case for letters, itself for other printable chars, 255 (unpackable) else. */
  private static final int[] PACK = new int[128];

  static {
    for (int c = 0; c < 128; c++)
      PACK[c] = c >= 'A' && c <= 'Z' ? c | 0x20 : c > ' ' && c < 127 ? c : 255;
  }

  /**
   * The keys, a slot each. A key of at most 8 chars that fold to ASCII (most English words) is stored packed, a char
   * a byte, and compared as one long, so a miss touches one cache line of this 128 KB array and nothing else. A
   * longer key is stored as LONG_KEY | its hash and compared against {@link #pool}. 0 marks an empty slot (no word
   * packs to 0).
   */
  private final long[] keys;

  /** Per slot: the key's id (above bit 15) and its entry + 2 (entry: index in {@link #synonyms}, or STOP). */
  private final int[] vals;

  private final int mask;
  private final int shift; // 64 − log2(slots)
  private final int[] keyOff;
  private final int[] keyLen;
  private final char[] pool;
  private final char[][][] synonyms;

  Lexicon(Map<String, List<String>> thesaurus, List<String> stopWords) {
    int count = thesaurus.size() + stopWords.size();
    int n = Integer.highestOneBit(Math.max(16, count + count / 2)) * 2;
    keys = new long[n];
    vals = new int[n];
    mask = n - 1;
    shift = 64 - Integer.numberOfTrailingZeros(n);
    keyOff = new int[count];
    keyLen = new int[count];
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
    if (synonyms.length + 2 > 0x7FFF || ids >= 1 << 16) {
      throw new IllegalStateException("lexicon too large for its table: " + ids + " keys");
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
    long packed = pack(c, from, to);
    if (packed != 0) {
      for (int slot = home(packed); ; slot = (slot + 1) & mask) {
        long k = keys[slot];
        if (k == packed) return (vals[slot] & 0x7FFF) - 2;
        if (k == 0) return NONE;
      }
    }
    long tag = LONG_KEY | hash(c, from, to) & 0xFFFFFFFFL;
    int len = to - from;
    for (int slot = home(tag); ; slot = (slot + 1) & mask) {
      long k = keys[slot];
      if (k == 0) return NONE;
      if (k == tag) {
        int id = vals[slot] >>> 15;
        if (keyLen[id] == len && sameFolded(keyOff[id], c, from, len))
          return (vals[slot] & 0x7FFF) - 2;
      }
    }
  }

  /** A key's first slot: Fibonacci hashing, the top bits of one multiply. */
  private int home(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  /** The folded word packed a char a byte when it has at most 8 chars that all fold to ASCII, else 0. */
  private static long pack(char[] c, int from, int to) {
    if (to - from > 8) return 0;
    long p = 0;
    for (int i = from; i < to; i++) {
      char ch = c[i];
      int f = ch < 128 ? PACK[ch] : fold(ch);
      if (f >= 128) return 0;
      p = p << 8 | f;
    }
    return p;
  }

  private boolean sameFolded(int off, char[] c, int from, int len) {
    for (int i = 0; i < len; i++) if (pool[off + i] != fold(c[from + i])) return false;
    return true;
  }

  private int put(String folded, int value, StringBuilder pooled, int ids) {
    char[] k = folded.toCharArray();
    long packed = pack(k, 0, k.length);
    long key = packed != 0 ? packed : LONG_KEY | hash(k, 0, k.length) & 0xFFFFFFFFL;
    for (int slot = home(key); ; slot = (slot + 1) & mask) {
      if (keys[slot] == 0) {
        keys[slot] = key;
        vals[slot] = ids << 15 | value + 2;
        keyOff[ids] = pooled.length();
        keyLen[ids] = k.length;
        pooled.append(k);
        return ids + 1;
      }
      int id = vals[slot] >>> 15;
      if (keys[slot] == key
          && pooled.substring(keyOff[id], keyOff[id] + keyLen[id]).equals(folded)) {
        if (value == STOP) vals[slot] = id << 15 | STOP + 2;
        return ids;
      }
    }
  }

  /** A hash of the folded chars (for keys too long to pack). */
  private static int hash(char[] c, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      char ch = c[i];
      h = 31 * h + (ch < 128 ? ch | 0x20 : fold(ch));
    }
    return h;
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
