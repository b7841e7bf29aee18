package dev.sluice.quality.html;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Per element: visible characters (whitespace runs count as one), characters inside links, commas. One
 * iterative pass (no recursion, so any depth the parser allowed is safe).
 */
final class TextStats {
  private final Map<Element, int[]> stats;
  private int maxDepth;

  private TextStats(int expectedElements) {
    stats = new IdentityHashMap<>(expectedElements);
  }

  /**
   * @param expectedElements a size hint (the map is sized once instead of growing by doubling)
   */
  static TextStats of(Element root, int expectedElements) {
    TextStats s = new TextStats(expectedElements);
    NodeTraversor.traverse(s.new Counter(), root);
    return s;
  }

  /** How many elements have stats (a size hint for the next pass). */
  int size() {
    return stats.size();
  }

  /** The deepest node below the root (the root is depth 0). */
  int maxDepth() {
    return maxDepth;
  }

  int chars(Element e) {
    int[] v = stats.get(e);
    return v == null ? 0 : v[0];
  }

  int linkChars(Element e) {
    int[] v = stats.get(e);
    return v == null ? 0 : v[1];
  }

  int commas(Element e) {
    int[] v = stats.get(e);
    return v == null ? 0 : v[2];
  }

  double linkDensity(Element e) {
    int c = chars(e);
    return c == 0 ? 0 : Math.min(1.0, linkChars(e) / (double) c);
  }

  private int[] slot(Element e) {
    return stats.computeIfAbsent(e, k -> new int[3]);
  }

  private final class Counter implements NodeVisitor {
    @Override
    public void head(Node node, int depth) {
      if (depth > maxDepth) maxDepth = depth;
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof TextNode t) {
        Element p = t.parent();
        if (p == null) return;
        String text = t.getWholeText();
        int[] v = slot(p);
        v[0] += visibleLength(text);
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == ',') v[2]++;
      } else if (node instanceof Element e) {
        int[] own = slot(e);
        if (isLink(e)) own[1] = own[0];
        if (e.parent() != null) {
          int[] up = slot(e.parent());
          up[0] += own[0];
          up[1] += own[1];
          up[2] += own[2];
        }
      }
    }
  }

  /**
   * A link that leaves the page. Fragment-only links ({@code href="#..."}: permalinks, footnote and
   * back-to-contents references) point inside the article and do not make it link text.
   */
  static boolean isLink(Element e) {
    return e.nameIs("a") && !e.attr("href").startsWith("#");
  }

  /** Characters after collapsing each whitespace run to one space (leading/trailing runs count one). */
  static int visibleLength(String text) {
    int n = 0;
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        if (!space) n++;
        space = true;
      } else {
        n++;
        space = false;
      }
    }
    return n == 1 && space ? 0 : n;
  }
}
