package dev.sluice.quality.html;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * First pass: removes what is never main text. Markup without text (scripts, styles, media, form controls),
 * hidden elements, and boilerplate named by its tag ({@code nav aside footer header menu dialog}), its ARIA role
 * (navigation, banner, contentinfo, complementary, search, dialog) or its class/id ({@link ClassIdSignals}). An
 * element whose class/id also speaks of content is kept when it holds most of the page's text (a wrapper named
 * "main-content with-sidebar" must survive).
 */
final class PageCleaner {
  private static final Set<String> NEVER_TEXT =
      Set.of(
          "script",
          "style",
          "noscript",
          "template",
          "svg",
          "math",
          "canvas",
          "iframe",
          "object",
          "embed",
          "video",
          "audio",
          "source",
          "track",
          "map",
          "input",
          "button",
          "select",
          "textarea",
          "option",
          "datalist",
          "link",
          "meta",
          "base",
          "head",
          "title");
  private static final Set<String> BOILERPLATE_TAGS =
      Set.of("nav", "aside", "footer", "header", "menu", "dialog", "address");
  private static final Set<String> BOILERPLATE_ROLES =
      Set.of(
          "navigation",
          "banner",
          "contentinfo",
          "complementary",
          "search",
          "dialog",
          "alertdialog",
          "menu",
          "menubar",
          "toolbar",
          "tablist",
          "alert");

  /** Never removed by class/id: the page's frame and verbatim text. */
  private static final Set<String> EXEMPT = Set.of("html", "body", "main", "pre", "code");

  /** A maybe-boilerplate element longer than this, and not link-dense, is left to the locator. */
  private static final int MAYBE_MAX_CHARS = 300;

  private final ClassIdSignals signals;

  private final boolean classIdRules;

  /**
   * @param classIdRules false for the lenient pass: only markup without text, hidden elements and boilerplate
   *     tags/roles are removed, class/id names are not read
   */
  PageCleaner(ClassIdSignals signals, boolean classIdRules) {
    this.signals = signals;
    this.classIdRules = classIdRules;
  }

  /** Removes the doomed nodes under body; stats must be body's, taken before. */
  void clean(Element body, TextStats stats) {
    int pageChars = Math.max(1, stats.chars(body));
    List<Node> doomed = new ArrayList<>();
    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof Comment) {
              doomed.add(node);
              return FilterResult.SKIP_ENTIRELY;
            }
            if (!(node instanceof Element e) || e == body) return FilterResult.CONTINUE;
            if (isDoomed(e, stats, pageChars)) {
              doomed.add(e);
              return FilterResult.SKIP_ENTIRELY;
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            return FilterResult.CONTINUE;
          }
        },
        body);
    removeAll(doomed);
  }

  /**
   * Removes the nodes, rebuilding each parent's child list once: jsoup's one-by-one removal reindexes the
   * remaining siblings, which is quadratic on a page of 100,000 sibling scripts.
   */
  private static void removeAll(List<Node> doomed) {
    Map<Element, Set<Node>> byParent = new IdentityHashMap<>();
    for (Node n : doomed)
      byParent
          .computeIfAbsent(
              (Element) n.parent(), k -> Collections.newSetFromMap(new IdentityHashMap<>()))
          .add(n);
    for (Map.Entry<Element, Set<Node>> entry : byParent.entrySet()) {
      Element parent = entry.getKey();
      Set<Node> gone = entry.getValue();
      if (gone.size() <= 4) {
        for (Node n : gone) n.remove();
        continue;
      }
      List<Node> kept = new ArrayList<>(parent.childNodeSize() - gone.size());
      for (Node child : parent.childNodes()) if (!gone.contains(child)) kept.add(child);
      parent.empty();
      parent.appendChildren(kept);
    }
  }

  private boolean isDoomed(Element e, TextStats stats, int pageChars) {
    String tag = e.normalName();
    if (NEVER_TEXT.contains(tag)) return true;
    if (isHidden(e)) return true;
    int chars = stats.chars(e);
    boolean holdsMostText = chars * 2 > pageChars;
    if (holdsMostText && (signals.mentionsContent(e) || EXEMPT.contains(tag))) return false;
    if (BOILERPLATE_TAGS.contains(tag)) return !holdsMostText;
    String role = e.attr("role");
    if (!role.isEmpty() && BOILERPLATE_ROLES.contains(role.toLowerCase(Locale.ROOT))) return true;
    if (EXEMPT.contains(tag) || !classIdRules) return false;
    return switch (signals.signal(e)) {
      case BOILERPLATE -> true;
      case MAYBE_BOILERPLATE -> chars < MAYBE_MAX_CHARS || stats.linkDensity(e) > 0.5;
      default -> false;
    };
  }

  private static boolean isHidden(Element e) {
    if (e.hasAttr("hidden")) return true;
    if ("true".equalsIgnoreCase(e.attr("aria-hidden"))) return true;
    String style = e.attr("style");
    if (style.isEmpty() || style.length() > 2000) return false;
    String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
    return s.contains("display:none") || s.contains("visibility:hidden");
  }
}
