package dev.sluice.quality.html;

import java.util.List;

/**
 * An HTTP body that cannot become main text: the caller counts or dead-letters it with {@link #reason()} and
 * {@link #detail()}. Checked, because every caller must route it somewhere; the reasons are a fixed set so a
 * manifest can count them. Every check runs before or during one bounded pass, so rejecting costs no more than
 * extracting.
 */
public final class HtmlRejected extends Exception {
  private static final long serialVersionUID = 1L;

  /** Zero bytes, or only whitespace. */
  public static final String EMPTY_BODY = "empty_body";

  /** More bytes than {@link HtmlLimits#maxBytes()}; nothing was parsed. */
  public static final String TOO_LARGE = "too_large";

  /** More start tags ('{@code <}' and a letter) than {@link HtmlLimits#maxTags()}; nothing was parsed. */
  public static final String TOO_MANY_TAGS = "too_many_tags";

  /**
   * The bytes are not text: a known binary signature (PDF, PNG, JPEG, GIF, ZIP, gzip, ...) or NUL / control
   * bytes in the first kilobyte, whatever the Content-Type says.
   */
  public static final String BINARY_CONTENT = "binary_content";

  /** Neither the declared nor the sniffed charset decodes the bytes without too many malformed sequences. */
  public static final String UNDECODABLE = "undecodable";

  /** Elements nested deeper than {@link HtmlLimits#maxDepth()} (an HTML bomb: 100k nested divs). */
  public static final String TOO_DEEP = "too_deep";

  /** Every reason, in a fixed order (for counters and docs). */
  public static final List<String> REASONS =
      List.of(EMPTY_BODY, TOO_LARGE, TOO_MANY_TAGS, BINARY_CONTENT, UNDECODABLE, TOO_DEEP);

  private final String reason;
  private final String detail;

  public HtmlRejected(String reason, String detail) {
    super(reason + ": " + detail);
    if (!REASONS.contains(reason)) throw new IllegalArgumentException("unknown reason " + reason);
    this.reason = reason;
    this.detail = detail;
  }

  /** One of {@link #REASONS}, snake_case. */
  public String reason() {
    return reason;
  }

  /** What was seen, for a person reading the dead letter (sizes, the signature, the charset tried). */
  public String detail() {
    return detail;
  }
}
