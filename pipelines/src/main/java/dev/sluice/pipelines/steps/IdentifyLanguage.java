package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.pipelines.recipe.LanguageSettings;
import dev.sluice.quality.lang.LanguageIdentifier;

/**
 * Identifies each document's language. Removed: {@code language.not_kept} (a language outside the keep list;
 * score = its confidence) and {@code language.low_confidence} (below min_confidence).
 */
public final class IdentifyLanguage implements DocStep {
  private static final long serialVersionUID = 1L;
  private final LanguageSettings settings;
  private transient LanguageIdentifier lid;

  public IdentifyLanguage(LanguageSettings settings) {
    this.settings = settings;
  }

  @Override
  public String stage() {
    return "language";
  }

  @Override
  public void setup() {
    lid = LanguageIdentifier.get();
  }

  @Override
  public void warmUp() {
    LanguageIdentifier.get(); // the 70 built-in profiles: ~0.5 CPU-s, shared by every instance
  }

  @Override
  public Doc apply(Doc in, Out out) {
    LanguageIdentifier.Guess g = lid.identify(in.text());
    Doc d = in.withLanguage(g.lang(), g.confidence());
    if (!settings.keep().isEmpty() && !settings.keep().contains(g.lang())) {
      out.removed(RemovedDoc.of(d, RemovedDoc.LANGUAGE, "language.not_kept", null, g.confidence()));
      return null;
    }
    if (g.confidence() < settings.minConfidence()) {
      out.removed(
          RemovedDoc.of(d, RemovedDoc.LANGUAGE, "language.low_confidence", null, g.confidence()));
      return null;
    }
    return d;
  }
}
