package dev.sluice.quality.html;

import dev.sluice.quality.html.BlockRenderer.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Fourth pass, in the manner of jusText: each block is first classed on its own (good: long enough and not
 * link-dense; bad: link-dense or a known boilerplate line; short: decided by context), then short blocks and
 * headings are decided by their neighbours: a short block survives between good blocks, or when it reads like a
 * sentence (stop-word dense, ends in punctuation); a heading survives when good text follows it. Blocks at the
 * edges of the article that are short are dropped (bylines, dates, captions, "Advertisement").
 */
final class BlockFilter {
  private static final int SHORT_CHARS = 40;
  private static final Pattern BOILERPLATE_LINE =
      Pattern.compile(
          "(advertisement|advertising|ad|sponsored|share|share this|share this (article|story|post)"
              + "|read more|read next|continue reading|related|related (articles|stories|posts|content)"
              + "|more from .*|sign up.*|subscribe.*|follow us.*|click here.*|back to top|top of page"
              + "|print|email|tweet|comments?|leave a comment|skip to .*|all rights reserved.*"
              + "|copyright.*|©.*|(photo|image|video|credit|source)s?:.*|getty images|loading.*"
              + "|we use cookies.*|accept( all)?( cookies)?|cookie (settings|policy))[.!:]?",
          Pattern.CASE_INSENSITIVE);

  private enum Verdict {
    GOOD,
    BAD,
    SHORT,
    HEADING
  }

  List<Block> filter(List<Block> blocks, String title) {
    int n = blocks.size();
    Verdict[] v = new Verdict[n];
    for (int i = 0; i < n; i++) v[i] = classify(blocks.get(i));
    Verdict[] resolved = v.clone();
    Verdict[] before = nearestDecided(v, +1);
    Verdict[] after = nearestDecided(v, -1);
    for (int i = 0; i < n; i++) {
      if (v[i] == Verdict.SHORT) resolved[i] = decideShort(blocks.get(i), before[i], after[i]);
      else if (v[i] == Verdict.HEADING)
        resolved[i] = goodFollows(v, i) ? Verdict.GOOD : Verdict.BAD;
    }
    dropTitleHeading(blocks, resolved, title);
    List<Block> kept = new ArrayList<>();
    int carriedGap = 0;
    for (int i = 0; i < n; i++) {
      Block b = blocks.get(i);
      if (resolved[i] == Verdict.GOOD) {
        kept.add(
            new Block(
                b.text(), b.kind(), b.chars(), b.linkChars(), Math.max(b.gapBefore(), carriedGap)));
        carriedGap = 0;
      } else {
        carriedGap = Math.max(carriedGap, b.gapBefore());
      }
    }
    return kept;
  }

  private static Verdict classify(Block b) {
    if (b.kind().equals("pre")) return Verdict.GOOD;
    if (b.linkDensity() > 0.5) return Verdict.BAD;
    if (b.chars() < 60 && BOILERPLATE_LINE.matcher(b.text().strip()).matches()) return Verdict.BAD;
    if (b.kind().equals("h")) return Verdict.HEADING;
    if (b.chars() < SHORT_CHARS || b.linkDensity() > 0.3) return Verdict.SHORT;
    return Verdict.GOOD;
  }

  /** Between good blocks (shorts in between do not count), or a sentence of its own. */
  private static Verdict decideShort(Block b, Verdict before, Verdict after) {
    if (before == Verdict.GOOD && after == Verdict.GOOD) return Verdict.GOOD;
    boolean sentence =
        b.linkDensity() < 0.2
            && StopWords.density(b.text()) >= 0.25
            && b.text().strip().matches("(?s).*[.!?:;\"”)]$");
    if (sentence && (before == Verdict.GOOD || after == Verdict.GOOD)) return Verdict.GOOD;
    if (b.kind().equals("li") || b.kind().equals("tr"))
      return (before == Verdict.GOOD || after == Verdict.GOOD) && b.linkDensity() <= 0.3
          ? Verdict.GOOD
          : Verdict.BAD;
    return Verdict.BAD;
  }

  /**
   * For every block, the nearest GOOD or BAD verdict before it ({@code step} +1: one sweep forwards) or after it
   * ({@code step} -1: backwards), null where there is none: one pass, so that a page of a hundred thousand short
   * blocks costs linear time, not quadratic.
   */
  private static Verdict[] nearestDecided(Verdict[] v, int step) {
    Verdict[] nearest = new Verdict[v.length];
    Verdict last = null;
    for (int k = 0; k < v.length; k++) {
      int i = step > 0 ? k : v.length - 1 - k;
      nearest[i] = last;
      if (v[i] == Verdict.GOOD || v[i] == Verdict.BAD) last = v[i];
    }
    return nearest;
  }

  /** A heading is kept if a good block follows before the next heading (within three blocks). */
  private static boolean goodFollows(Verdict[] v, int i) {
    for (int j = i + 1; j < v.length && j <= i + 3; j++) {
      if (v[j] == Verdict.GOOD) return true;
      if (v[j] == Verdict.HEADING || v[j] == Verdict.BAD) return false;
    }
    return false;
  }

  /** The page's own title repeated as the first heading belongs in {@code title}, not in the text. */
  private static void dropTitleHeading(List<Block> blocks, Verdict[] resolved, String title) {
    String t = title.toLowerCase(Locale.ROOT);
    for (int i = 0; i < blocks.size(); i++) {
      if (resolved[i] != Verdict.GOOD) continue;
      Block b = blocks.get(i);
      String h = b.text().toLowerCase(Locale.ROOT).strip();
      if (b.kind().equals("h") && !h.isEmpty() && t.contains(h)) resolved[i] = Verdict.BAD;
      return;
    }
  }
}
