package dev.sluice.augment.difficulty;

import java.util.HashMap;
import java.util.Map;

/** How often each code point occurs in a corpus, and how many documents and code points it has. */
final class CodePointCounts {
  private final long[] bmp = new long[0x10000];
  private final Map<Integer, Long> supplementary = new HashMap<>();
  private long docs;
  private long codePoints;

  void add(String doc) {
    docs++;
    for (int i = 0; i < doc.length(); ) {
      int cp = doc.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x10000) bmp[cp]++;
      else supplementary.merge(cp, 1L, Long::sum);
      codePoints++;
    }
  }

  long docs() {
    return docs;
  }

  long codePoints() {
    return codePoints;
  }

  Vocabulary vocabulary(int bits) {
    return Vocabulary.mostFrequent(bits, bmp, supplementary);
  }
}
