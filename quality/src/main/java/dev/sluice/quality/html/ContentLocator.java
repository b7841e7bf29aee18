package dev.sluice.quality.html;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Second pass: finds the element that holds the article. Every paragraph-like block with enough text votes for
 * its ancestors (full weight to the parent, half to the grandparent, a third above), a vote growing with the
 * block's length and commas, as in readability; each candidate starts from a prior for its tag and class/id and
 * ends scaled by (1 - link density), so menus and link lists lose however long they are. The best candidate is
 * then widened to its parent when several strong candidates share it or when the parent outscores it, and joined
 * by siblings that score well or read like prose.
 */
final class ContentLocator {
  private static final Set<String> PARAGRAPHS =
      Set.of("p", "pre", "td", "blockquote", "dd", "li", "h2", "h3", "h4");
  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "section",
          "article",
          "main",
          "table",
          "ul",
          "ol",
          "dl",
          "pre",
          "blockquote",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "form",
          "figure",
          "header",
          "footer");
  private static final int MIN_VOTE_CHARS = 25;

  private final ClassIdSignals signals;

  ContentLocator(ClassIdSignals signals) {
    this.signals = signals;
  }

  /** The elements to render, in document order; the body itself when nothing scores. */
  List<Element> locate(Element body, TextStats stats) {
    Map<Element, double[]> scores = new IdentityHashMap<>();
    for (Element e : body.getAllElements()) {
      if (!isParagraph(e)) continue;
      int chars = stats.chars(e);
      if (chars < MIN_VOTE_CHARS) continue;
      double vote = 1 + stats.commas(e) + Math.min(chars / 100.0, 3.0);
      Element ancestor = e.parent();
      for (int level = 0; level < 3 && ancestor != null && ancestor != body.parent(); level++) {
        double[] s = scores.computeIfAbsent(ancestor, this::prior);
        s[0] += vote / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
        ancestor = ancestor.parent();
      }
    }
    if (scores.isEmpty()) return List.of(body);
    Element top = null;
    double best = Double.NEGATIVE_INFINITY;
    for (Element e : body.getAllElements()) { // document order: the first of equal scores wins
      double[] s = scores.get(e);
      if (s == null) continue;
      s[0] *= 1 - stats.linkDensity(e);
      if (s[0] > best) {
        best = s[0];
        top = e;
      }
    }
    top = widen(top, best, scores);
    top = climb(top, body, scores);
    List<Element> kept = withSiblings(top, scores, stats);
    // several sections of one parent qualify: the parent (with its intro and headings) is the
    // article
    while (kept.size() >= 3
        && top.parent() != null
        && top.parent() != body
        && stats.linkDensity(top.parent()) < 0.25) {
      top = top.parent();
      kept = withSiblings(top, scores, stats);
    }
    return kept;
  }

  /** A text-bearing block: a paragraph tag, or a div/section whose children are all inline. */
  private static boolean isParagraph(Element e) {
    String tag = e.normalName();
    if (PARAGRAPHS.contains(tag)) return true;
    if (!tag.equals("div") && !tag.equals("section") && !tag.equals("article")) return false;
    for (Element c : e.children()) if (BLOCKS.contains(c.normalName())) return false;
    return true;
  }

  private double[] prior(Element e) {
    double p =
        switch (e.normalName()) {
          case "div", "article", "main", "section" -> 5;
          case "pre", "td", "blockquote" -> 3;
          case "ol", "ul", "dl", "dd", "dt", "li", "form", "address" -> -3;
          case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
          default -> 0;
        };
    if (e.nameIs("article") || e.nameIs("main") || "articleBody".equals(e.attr("itemprop")))
      p += 10;
    return new double[] {p + 25 * signals.weight(e)};
  }

  /** If three or more near-best candidates sit under one ancestor of top, the article is that ancestor. */
  private static Element widen(Element top, double best, Map<Element, double[]> scores) {
    List<Element> strong = new ArrayList<>();
    for (Map.Entry<Element, double[]> entry : scores.entrySet())
      if (entry.getKey() != top && entry.getValue()[0] >= best * 0.75) strong.add(entry.getKey());
    if (strong.size() < 2) return top;
    Element ancestor = top.parent();
    while (ancestor != null && !ancestor.nameIs("body")) {
      int under = 0;
      for (Element e : strong) if (isAncestor(ancestor, e)) under++;
      if (under >= 2) return ancestor;
      ancestor = ancestor.parent();
    }
    return top;
  }

  /**
   * While the parent outscores the candidate, the parent is the article: it gathers the votes of several
   * sections of which the candidate is one (a long tutorial split into sections).
   */
  private static Element climb(Element top, Element body, Map<Element, double[]> scores) {
    Element current = top;
    for (Element parent = current.parent();
        parent != null && parent != body;
        parent = parent.parent()) {
      double[] p = scores.get(parent);
      double[] c = scores.get(current);
      if (p == null || c == null || p[0] <= c[0]) break;
      current = parent;
    }
    return current;
  }

  private static List<Element> withSiblings(
      Element top, Map<Element, double[]> scores, TextStats stats) {
    Element parent = top.parent();
    if (parent == null) return List.of(top);
    double topScore = scores.get(top) == null ? 0 : scores.get(top)[0];
    double threshold = Math.max(10, topScore * 0.2);
    List<Element> kept = new ArrayList<>();
    for (Element sibling : parent.children()) {
      if (sibling == top) {
        kept.add(sibling);
        continue;
      }
      double[] s = scores.get(sibling);
      double bonus =
          !top.className().isEmpty() && top.className().equals(sibling.className())
              ? topScore * 0.2
              : 0;
      if (s != null && s[0] + bonus >= threshold) {
        kept.add(sibling);
      } else if (sibling.nameIs("p") || sibling.nameIs("pre") || sibling.nameIs("blockquote")) {
        int chars = stats.chars(sibling);
        double ld = stats.linkDensity(sibling);
        String text = sibling.text();
        if ((chars > 80 && ld < 0.25)
            || (chars > 0 && ld == 0 && (text.endsWith(".") || text.contains(". "))))
          kept.add(sibling);
      }
    }
    return kept;
  }

  private static boolean isAncestor(Element ancestor, Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) if (p == ancestor) return true;
    return false;
  }
}
