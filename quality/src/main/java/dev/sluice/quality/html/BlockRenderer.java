package dev.sluice.quality.html;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Third pass: turns the located elements into text blocks with their line structure. Paragraphs, headings,
 * lists, tables and {@code <pre>} open blocks separated by a blank line; list items, table rows and definition
 * terms open lines within them; cells of a row are joined by " | "; {@code <pre>} keeps its lines verbatim;
 * {@code <br>} breaks a line. Lists, tables and divs that are mostly links (menus, tag clouds, "related"
 * lists) are skipped whole. Iterative, so depth costs nothing.
 */
final class BlockRenderer {
  /** A rendered unit: its text, its kind (p, h, li, tr, pre), its length and linked length, its separator. */
  record Block(String text, String kind, int chars, int linkChars, int gapBefore) {
    double linkDensity() {
      return chars == 0 ? 0 : linkChars / (double) chars;
    }
  }

  private static final Set<String> PARAGRAPH_BREAKS =
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
          "figure",
          "figcaption",
          "hr",
          "form",
          "fieldset",
          "details",
          "summary",
          "center",
          "header",
          "footer",
          "body");
  private static final Set<String> LINE_BREAKS = Set.of("li", "tr", "dt", "dd", "caption");
  private static final Set<String> LINK_LIST_CANDIDATES =
      Set.of("ul", "ol", "dl", "table", "div", "section", "p", "span");

  private final List<Block> blocks = new ArrayList<>();
  private final Deque<String> kinds = new ArrayDeque<>();
  private StringBuilder text = new StringBuilder();
  private int chars;
  private int linkChars;
  private int gapBefore;
  private int pendingGap;
  private String kind = "p";
  private boolean pendingSpace;
  private int linkDepth;
  private int preDepth;

  /** The cells seen so far in each open table row, innermost first. */
  private final Deque<Integer> rows = new ArrayDeque<>();

  /** Open table cells: their paragraphs and divs join the row's line instead of breaking it. */
  private int cellDepth;

  List<Block> render(List<Element> roots, TextStats stats) {
    blocks.clear();
    for (Element root : roots) {
      kinds.clear();
      kinds.push("p");
      NodeTraversor.filter(new Walker(root, stats), root);
      flush(2);
    }
    return List.copyOf(blocks);
  }

  private final class Walker implements NodeFilter {
    private final Element root;
    private final TextStats stats;

    Walker(Element root, TextStats stats) {
      this.root = root;
      this.stats = stats;
    }

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode t) {
        if (preDepth > 0) appendVerbatim(t.getWholeText());
        else appendInline(t.getWholeText());
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element e)) return FilterResult.CONTINUE;
      String tag = e.normalName();
      if (e != root && isLinkList(e, tag)) return FilterResult.SKIP_ENTIRELY;
      switch (tag) {
        case "br" -> lineBreak();
        case "a" -> {
          if (TextStats.isLink(e)) linkDepth++;
        }
        case "pre" -> preDepth++;
        case "td", "th" -> {
          if (rows.isEmpty()) { // a cell outside a row
            if (text.length() > 0) appendRaw(" | ");
          } else {
            int cells = rows.pop();
            if (cells > 0) { // after an empty cell too: each cell keeps its column
              startIfEmpty();
              appendRaw(text.length() > 0 && text.charAt(text.length() - 1) == ' ' ? "| " : " | ");
            }
            rows.push(cells + 1);
          }
          cellDepth++;
        }
        default -> {}
      }
      if (breaks(tag)) {
        flush(PARAGRAPH_BREAKS.contains(tag) ? 2 : 1);
        kinds.push(kindOf(tag));
      } else if (inCell(tag)) {
        pendingSpace = true;
      }
      if (tag.equals("tr")) rows.push(0);
      return FilterResult.CONTINUE;
    }

    /** Whether the tag opens a block or a line here: not a paragraph or list inside a table cell. */
    private boolean breaks(String tag) {
      if (!PARAGRAPH_BREAKS.contains(tag) && !LINE_BREAKS.contains(tag)) return false;
      return cellDepth == 0 || tag.equals("table") || tag.equals("tr");
    }

    /** A block tag inside a cell: its text joins the cell's, after a space. */
    private boolean inCell(String tag) {
      return cellDepth > 0 && (PARAGRAPH_BREAKS.contains(tag) || LINE_BREAKS.contains(tag));
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (!(node instanceof Element e)) return FilterResult.CONTINUE;
      String tag = e.normalName();
      if (TextStats.isLink(e)) linkDepth--;
      if (tag.equals("pre")) preDepth--;
      if (tag.equals("tr") && !rows.isEmpty()) rows.pop();
      if (breaks(tag)) {
        flush(PARAGRAPH_BREAKS.contains(tag) ? 2 : 1);
        kinds.pop();
      } else if (inCell(tag)) {
        pendingSpace = true;
      }
      if ((tag.equals("td") || tag.equals("th")) && cellDepth > 0) cellDepth--;
      return FilterResult.CONTINUE;
    }

    private boolean isLinkList(Element e, String tag) {
      if (!LINK_LIST_CANDIDATES.contains(tag) || preDepth > 0) return false;
      int c = stats.chars(e);
      if (c == 0) return false;
      double ld = stats.linkDensity(e);
      boolean list = tag.equals("ul") || tag.equals("ol") || tag.equals("dl");
      return ld > 0.5 || (list && ld > 0.3 && c < 300);
    }
  }

  private static String kindOf(String tag) {
    return switch (tag) {
      case "h1", "h2", "h3", "h4", "h5", "h6" -> "h";
      case "li", "dt", "dd" -> "li";
      case "tr" -> "tr";
      case "pre" -> "pre";
      default -> "p";
    };
  }

  private void startIfEmpty() {
    if (text.length() == 0) {
      gapBefore = pendingGap;
      kind = kinds.isEmpty() ? "p" : kinds.peek();
    }
  }

  private void appendInline(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        pendingSpace = true;
        continue;
      }
      startIfEmpty();
      int last = text.length() - 1;
      if (pendingSpace && last >= 0 && text.charAt(last) != '\n' && text.charAt(last) != ' ') {
        text.append(' ');
        chars++;
      }
      pendingSpace = false;
      text.append(c);
      chars++;
      if (linkDepth > 0) linkChars++;
    }
  }

  private void appendVerbatim(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r') continue;
      if (text.length() == 0 && c == '\n') continue; // the newline after <pre> is not content
      startIfEmpty();
      text.append(c);
      chars++;
      if (linkDepth > 0) linkChars++;
    }
  }

  private void appendRaw(String s) {
    text.append(s);
    pendingSpace = false;
  }

  private void lineBreak() {
    if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') text.append('\n');
    pendingSpace = false;
  }

  private void flush(int gap) {
    String t = trimLines(text, kind.equals("pre"));
    if (!t.isEmpty()) {
      blocks.add(new Block(t, kind, chars, linkChars, gapBefore));
      pendingGap = 0;
    }
    text = new StringBuilder();
    chars = 0;
    linkChars = 0;
    pendingSpace = false;
    pendingGap = Math.max(pendingGap, gap);
  }

  private static String trimLines(CharSequence s, boolean verbatim) {
    StringBuilder out = new StringBuilder(s.length());
    for (String line : s.toString().split("\n", -1)) {
      String l = verbatim ? line.stripTrailing() : line.strip();
      if (!verbatim && l.isEmpty()) continue;
      if (out.length() > 0) out.append('\n');
      out.append(l);
    }
    return verbatim ? out.toString().replaceAll("^\n+|\n+$", "") : out.toString();
  }
}
