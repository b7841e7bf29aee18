package dev.sluice.quality.html;

import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * What an element's class and id say about it. Words are matched as tokens ("article-footer" has the tokens
 * article and footer), plus a few substrings that sites glue to other words ("sharebar", "cookiebanner"). Only
 * the first {@link HtmlLimits#maxAttributeChars()} characters of each attribute are read.
 *
 * <p>Two strengths of boilerplate: {@link Signal#BOILERPLATE} names a block that is never the article whatever
 * its size (navigation, comments, consent banners, share bars); {@link Signal#MAYBE_BOILERPLATE} names one that
 * usually is not (sidebars, ad slots, widgets, captions) but whose name page builders also give to wrappers
 * ("pg-right-rail-tall", "elementor-widget-wrap"), so the cleaner removes it only when it is short or link-dense.
 * A name that mentions both content and boilerplate ("article-footer", "article-body pagination-first", "box
 * article modal-enabled") is a maybe.
 */
final class ClassIdSignals {
  enum Signal {
    CONTENT,
    NONE,
    MAYBE_BOILERPLATE,
    BOILERPLATE
  }

  private static final Set<String> BOILERPLATE =
      Set.of(
          "nav",
          "navbar",
          "navigation",
          "menu",
          "menubar",
          "breadcrumb",
          "breadcrumbs",
          "crumbs",
          "footer",
          "masthead",
          "share",
          "sharing",
          "shares",
          "social",
          "cookie",
          "cookies",
          "consent",
          "gdpr",
          "newsletter",
          "subscribe",
          "subscription",
          "signup",
          "related",
          "recommended",
          "recommendations",
          "comment",
          "comments",
          "disqus",
          "pagination",
          "pager",
          "popup",
          "modal",
          "toolbar",
          "skip",
          "byline",
          "dateline",
          "timestamp",
          "outbrain",
          "taboola",
          "paywall",
          "login",
          "rss",
          "print");

  private static final Set<String> MAYBE_BOILERPLATE =
      Set.of(
          "header",
          "sidebar",
          "aside",
          "rail",
          "banner",
          "promo",
          "promotion",
          "advert",
          "advertisement",
          "ad",
          "ads",
          "adv",
          "sponsor",
          "sponsored",
          "widget",
          "widgets",
          "tags",
          "tag",
          "author",
          "authors",
          "meta",
          "caption",
          "credit",
          "credits",
          "trending",
          "search",
          "langs",
          "languages",
          "toc",
          "copyright",
          "legal",
          "disclaimer",
          "offscreen",
          "sr",
          "overlay");

  /** Substrings that mark boilerplate even when glued to another word. */
  private static final String[] BOILERPLATE_PARTS = {
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "breadcrumb",
    "navbar",
    "sharebar",
    "share-",
    "social",
    "outbrain",
    "taboola",
    "disqus",
    "related"
  };

  /** Substrings of language switchers ("toplang", "interlanguage-links"), maybe-boilerplate like the tokens. */
  private static final String[] MAYBE_PARTS = {"lang"};

  /** Tokens of the element that holds the article. */
  private static final Set<String> CONTENT =
      Set.of(
          "article",
          "content",
          "main",
          "body",
          "story",
          "post",
          "entry",
          "text",
          "prose",
          "blog",
          "hentry",
          "articlebody",
          "markdown",
          "rte",
          "richtext",
          "documentation",
          "doc");

  private final int maxChars;

  ClassIdSignals(int maxChars) {
    this.maxChars = maxChars;
  }

  Signal signal(Element e) {
    String s = classAndId(e);
    if (s.isEmpty()) return Signal.NONE;
    boolean strong = false;
    boolean maybe = false;
    boolean content = false;
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      boolean alnum = i < s.length() && isTokenChar(s.charAt(i));
      if (alnum && start < 0) start = i;
      if (!alnum && start >= 0) {
        String token = s.substring(start, i);
        if (BOILERPLATE.contains(token)) strong = true;
        else if (MAYBE_BOILERPLATE.contains(token)) maybe = true;
        else if (CONTENT.contains(token)) content = true;
        start = -1;
      }
    }
    if (!strong) for (String part : BOILERPLATE_PARTS) if (s.contains(part)) strong = true;
    if (!maybe) for (String part : MAYBE_PARTS) if (s.contains(part)) maybe = true;
    if (strong) return content ? Signal.MAYBE_BOILERPLATE : Signal.BOILERPLATE;
    if (maybe) return content ? Signal.NONE : Signal.MAYBE_BOILERPLATE;
    return content ? Signal.CONTENT : Signal.NONE;
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** The scoring prior: +1 content, -1 boilerplate, -0.4 maybe boilerplate, 0 neither. */
  double weight(Element e) {
    return switch (signal(e)) {
      case CONTENT -> 1;
      case NONE -> 0;
      case MAYBE_BOILERPLATE -> -0.4;
      case BOILERPLATE -> -1;
    };
  }

  /** Whether the class/id mention content at all (an "article-footer" does, and is still boilerplate). */
  boolean mentionsContent(Element e) {
    String s = classAndId(e);
    for (String token : s.split("[^a-z0-9]+")) if (CONTENT.contains(token)) return true;
    return false;
  }

  private String classAndId(Element e) {
    String id = e.id();
    String cls = e.className();
    if (id.isEmpty() && cls.isEmpty()) return "";
    if (id.length() > maxChars) id = id.substring(0, maxChars);
    if (cls.length() > maxChars) cls = cls.substring(0, maxChars);
    return (id + ' ' + cls).toLowerCase(Locale.ROOT);
  }
}
