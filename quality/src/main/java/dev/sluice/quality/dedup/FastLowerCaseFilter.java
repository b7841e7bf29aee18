package dev.sluice.quality.dedup;

import java.io.IOException;
import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Lucene's {@link org.apache.lucene.analysis.LowerCaseFilter} with an ASCII fast path: ASCII letters are lowered
 * in place, and from the first non-ASCII char on the rest of the token goes through Lucene's own
 * {@link CharacterUtils#toLowerCase} ({@code Character.toLowerCase} per code point), so every token comes out
 * exactly as LowerCaseFilter would make it. The per-code-point calls were a third of shingling's time.
 */
public final class FastLowerCaseFilter extends TokenFilter {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

  public FastLowerCaseFilter(TokenStream in) {
    super(in);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) return false;
    char[] b = term.buffer();
    int n = term.length();
    for (int i = 0; i < n; i++) {
      char c = b[i];
      if (c >= 0x80) {
        CharacterUtils.toLowerCase(b, i, n);
        break;
      }
      if (c >= 'A' && c <= 'Z') b[i] = (char) (c + ('a' - 'A'));
    }
    return true;
  }
}
