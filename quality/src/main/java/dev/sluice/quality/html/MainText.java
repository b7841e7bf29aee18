package dev.sluice.quality.html;

import dev.sluice.quality.html.BlockRenderer.Block;
import dev.sluice.quality.html.CharsetResolver.Choice;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * The main text of an HTML page: decode (charset from BOM, Content-Type, {@code <meta>}, sniffing), parse with
 * jsoup, drop what is never content ({@link PageCleaner}), find the element that holds the article ({@link
 * ContentLocator}), render it with its line structure ({@link BlockRenderer}) and drop the boilerplate blocks
 * left inside it ({@link BlockFilter}). Pure, deterministic, and bounded by {@link HtmlLimits}: hostile input is
 * an {@link HtmlRejected}, never a crash or a hang.
 *
 * <p>One instance per thread: it keeps a parser and a charset detector for reuse and is not thread-safe.
 */
public final class MainText {
  private static final int MAX_TITLE_CHARS = 1000;

  /**
   * The extraction.
   *
   * @param text the main text (may be empty: the page has none); blocks separated by a blank line, list items,
   *     table rows and code lines each on a line of their own
   * @param title the page's {@code <title>} (whitespace collapsed), or "" if none
   * @param charset the charset the bytes were decoded with (Java's canonical name, e.g. "UTF-8", "windows-1252")
   * @param charsetSource where it came from: "header" | "meta" | "bom" | "sniffed" | "default"
   */
  public record Extracted(String text, String title, String charset, String charsetSource) {}

  private final HtmlLimits limits;
  private final CharsetResolver charsets = new CharsetResolver();
  private final Parser parser;

  /**
   * A strict pass whose text is shorter than this (while the page has more) is redone leniently, as trafilatura
   * falls back to a baseline when its main extraction comes back short: an over-eager class/id rule (a wrapper
   * named "modal-enabled") must cost precision, not the whole page.
   */
  private static final int FALLBACK_BELOW_CHARS = 250;

  private final PageCleaner cleaner;
  private final PageCleaner lenientCleaner;
  private final ContentLocator locator;
  private final BlockFilter blockFilter = new BlockFilter();

  /** With {@link HtmlLimits#defaults()}. */
  public MainText() {
    this(HtmlLimits.defaults());
  }

  public MainText(HtmlLimits limits) {
    this.limits = limits;
    this.parser = Parser.htmlParser().setMaxDepth(limits.maxDepth());
    ClassIdSignals signals = new ClassIdSignals(limits.maxAttributeChars());
    this.cleaner = new PageCleaner(signals, true);
    this.lenientCleaner = new PageCleaner(signals, false);
    this.locator = new ContentLocator(signals);
  }

  /**
   * @param body the raw HTML bytes
   * @param contentType the HTTP Content-Type header value, or null
   * @throws HtmlRejected with one of {@link HtmlRejected#REASONS}
   */
  public Extracted extract(byte[] body, String contentType) throws HtmlRejected {
    if (body == null || body.length == 0)
      throw new HtmlRejected(HtmlRejected.EMPTY_BODY, "0 bytes");
    if (body.length > limits.maxBytes())
      throw new HtmlRejected(
          HtmlRejected.TOO_LARGE, body.length + " bytes > maxBytes " + limits.maxBytes());
    int bomLength = CharsetResolver.bomLength(body);
    String binary =
        ContentSniffer.binaryReason(body, bomLength, ContentSniffer.wide(body, contentType));
    if (binary != null) throw new HtmlRejected(HtmlRejected.BINARY_CONTENT, binary);
    int tags = startTags(body);
    if (tags > limits.maxTags())
      throw new HtmlRejected(
          HtmlRejected.TOO_MANY_TAGS, tags + " start tags > maxTags " + limits.maxTags());

    Choice choice = charsets.declared(body, contentType);
    String html = null;
    if (choice != null
        && !choice.source().equals(CharsetResolver.BOM)
        && charsets.utf8Instead(body, choice.charset())) {
      choice =
          null; // a header or meta naming a single-byte charset over UTF-8: mojibake if believed
    }
    if (choice != null) {
      html = CharsetResolver.decode(body, choice.charset(), bomLength);
      if (CharsetResolver.malformedFraction(html) > limits.maxMalformedFraction()) html = null;
    }
    if (html == null) {
      Choice declared = choice;
      choice = charsets.sniff(body);
      html = CharsetResolver.decode(body, choice.charset(), bomLength);
      double bad = CharsetResolver.malformedFraction(html);
      if (bad > limits.maxMalformedFraction())
        throw new HtmlRejected(
            HtmlRejected.UNDECODABLE,
            String.format(
                Locale.ROOT,
                "%.1f%% malformed as %s%s",
                bad * 100,
                choice.charset().name(),
                declared == null
                    ? ""
                    : " (declared " + declared.charset().name() + " also failed)"));
    }
    if (html.isBlank())
      throw new HtmlRejected(HtmlRejected.EMPTY_BODY, body.length + " bytes of whitespace");

    Document doc = parser.parseInput(html, "");
    int expectedElements =
        Math.max(64, html.length() / 64); // a typical page has an element per ~60 chars
    TextStats docStats = TextStats.of(doc, expectedElements);
    if (docStats.maxDepth() >= limits.maxDepth())
      throw new HtmlRejected(
          HtmlRejected.TOO_DEEP,
          "elements nest at least " + docStats.maxDepth() + " deep, maxDepth " + limits.maxDepth());
    String title = title(doc);
    String text = "";
    Element page = doc.body();
    if (page != null) {
      int pageChars = docStats.chars(page);
      text = mainText(page, docStats, cleaner, title);
      if (text.length() < FALLBACK_BELOW_CHARS && pageChars > text.length() * 2) {
        Element fresh = parser.parseInput(html, "").body();
        if (fresh != null) {
          String lenient =
              mainText(fresh, TextStats.of(fresh, expectedElements), lenientCleaner, title);
          if (lenient.length() > text.length()) text = lenient;
        }
      }
    }
    // a character reference to a surrogate (&#xD800;) is U+FFFD in the HTML standard; jsoup gives
    // the surrogate itself, which no UTF-8 can hold
    return new Extracted(
        replaceLoneSurrogates(text),
        replaceLoneSurrogates(title),
        choice.charset().name(),
        choice.source());
  }

  /** {@code s} with every unpaired UTF-16 surrogate replaced by U+FFFD (itself when it has none). */
  static String replaceLoneSurrogates(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c)) continue;
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      if (b == null) b = new StringBuilder(s);
      b.setCharAt(i, '\uFFFD');
    }
    return b == null ? s : b.toString();
  }

  private String mainText(Element body, TextStats before, PageCleaner pageCleaner, String title) {
    pageCleaner.clean(body, before);
    TextStats stats = TextStats.of(body, before.size());
    List<Element> located = locator.locate(body, stats);
    return join(blockFilter.filter(new BlockRenderer().render(located, stats), title));
  }

  /**
   * '<' followed by an ASCII letter: an upper bound on the elements the parser can create. A body shorter than
   * two bytes per allowed tag cannot exceed the limit and is not scanned.
   */
  private int startTags(byte[] body) {
    if (body.length / 2 <= limits.maxTags()) return 0;
    int n = 0;
    for (int i = 0; i + 1 < body.length; i++)
      if (body[i] == '<' && ((body[i + 1] | 0x20) >= 'a' && (body[i + 1] | 0x20) <= 'z')) n++;
    return n;
  }

  private static String title(Document doc) {
    String t = doc.title();
    if (t.length() > MAX_TITLE_CHARS) t = t.substring(0, MAX_TITLE_CHARS);
    return t.strip();
  }

  private static String join(List<Block> blocks) {
    StringBuilder out = new StringBuilder();
    for (Block b : blocks) {
      if (out.length() > 0) out.append(b.gapBefore() >= 2 ? "\n\n" : "\n");
      out.append(b.text());
    }
    return out.toString();
  }
}
