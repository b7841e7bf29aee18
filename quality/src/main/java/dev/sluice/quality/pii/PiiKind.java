package dev.sluice.quality.pii;

import java.util.Locale;

/** What a redaction replaced; {@link #key()} is the recipe key, the manifest key and the report's row name. */
public enum PiiKind {
  EMAIL("<EMAIL>"),
  IP("<IP>"),
  PHONE("<PHONE>"),
  SECRET("<SECRET>");

  private final String defaultToken;

  PiiKind(String defaultToken) {
    this.defaultToken = defaultToken;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The replacement used when a recipe turns the kind on without naming a token. */
  public String defaultToken() {
    return defaultToken;
  }
}
