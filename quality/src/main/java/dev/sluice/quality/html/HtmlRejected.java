package dev.sluice.quality.html;

/**
 * An HTML page {@link MainText} cannot turn into text: {@code reason} is a short snake_case key (a dead letter's
 * reason), {@code detail} says why in words.
 *
 * <p>Placeholder until the html branch lands: the same signatures as the real extractor's, so the warc input
 * format builds and is tested against them.
 */
public final class HtmlRejected extends Exception {
  private static final long serialVersionUID = 1L;
  private final String reason;
  private final String detail;

  public HtmlRejected(String reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
    this.detail = detail;
  }

  public String reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }
}
