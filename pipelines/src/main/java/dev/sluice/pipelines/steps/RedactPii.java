package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.quality.pii.PiiConfig;
import dev.sluice.quality.pii.PiiKind;
import dev.sluice.quality.pii.PiiRedactor;

/**
 * Replaces the PII of each document's text with its kind's token ({@link PiiRedactor}) and counts, per kind,
 * the replacements ({@code pii:<kind>}) and the documents that had any ({@code pii_docs:<kind>}), plus the
 * documents with any kind ({@code pii_docs:any}). Removes nothing: every document goes on.
 */
public final class RedactPii implements DocStep {
  private static final long serialVersionUID = 1L;

  /** Tally key prefixes: replacements of a kind, and documents with at least one of that kind. */
  public static final String REPLACED = "pii:";

  public static final String DOCS = "pii_docs:";
  public static final String ANY = "any";

  private final PiiConfig config;
  private transient PiiRedactor redactor;

  public RedactPii(PiiConfig config) {
    this.config = config;
  }

  @Override
  public String stage() {
    return "pii";
  }

  @Override
  public void setup() {
    redactor = new PiiRedactor(config);
  }

  @Override
  public Doc apply(Doc d, Out out) {
    if (redactor == null) setup();
    PiiRedactor.Redacted r = redactor.redact(d.text());
    if (!r.changed()) return d;
    for (PiiKind kind : PiiKind.values()) {
      int n = r.count(kind);
      if (n == 0) continue;
      out.count(REPLACED + kind.key(), n);
      out.count(DOCS + kind.key(), 1);
    }
    out.count(DOCS + ANY, 1);
    return d.withText(r.text());
  }
}
