package dev.sluice.quality.html;

import java.io.Serializable;

/**
 * Bounds that keep the cost of one page linear and small, whatever the page is. Serializable, so a pipeline step
 * can hold it and build its {@link MainText} in setup.
 *
 * @param maxBytes bodies larger than this are rejected ({@code too_large}) before parsing
 * @param maxTags bodies with more start tags ('{@code <}' followed by a letter) than this are rejected ({@code too_many_tags}) before parsing,
 *     which bounds the parsed tree's size and memory
 * @param maxDepth the parser stops nesting at this depth; a page that reaches it is rejected ({@code too_deep})
 * @param maxAttributeChars class and id values are read only up to this many characters by the boilerplate
 *     heuristics (a megabyte attribute costs one parse, never a regex over a megabyte)
 * @param maxMalformedFraction a decoding with more U+FFFD replacements than this fraction of its characters is
 *     not accepted; if the sniffed charset does no better the page is rejected ({@code undecodable})
 */
public record HtmlLimits(
    int maxBytes, int maxTags, int maxDepth, int maxAttributeChars, double maxMalformedFraction)
    implements Serializable {
  public HtmlLimits {
    check(maxBytes >= 1, "maxBytes", maxBytes, ">= 1");
    check(maxTags >= 1, "maxTags", maxTags, ">= 1");
    check(maxDepth >= 16 && maxDepth <= 4096, "maxDepth", maxDepth, "16..4096");
    check(maxAttributeChars >= 16, "maxAttributeChars", maxAttributeChars, ">= 16");
    check(
        maxMalformedFraction >= 0 && maxMalformedFraction <= 1,
        "maxMalformedFraction",
        maxMalformedFraction,
        "0..1");
  }

  /**
   * 8 MiB (Common Crawl truncates records at 1 MiB), 250,000 tags, depth 256 (real pages stay under ~60), 200
   * attribute characters, 2 % malformed.
   */
  public static HtmlLimits defaults() {
    return new HtmlLimits(8 << 20, 250_000, 256, 200, 0.02);
  }

  private static void check(boolean ok, String field, Object value, String allowed) {
    if (!ok)
      throw new IllegalArgumentException(
          "HtmlLimits." + field + " must be " + allowed + ", got " + value);
  }
}
