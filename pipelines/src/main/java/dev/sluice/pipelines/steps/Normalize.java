package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.quality.text.Normalizer;

/** Unicode normalisation and whitespace/control clean-up; a text that normalises to nothing is a dead letter. */
public final class Normalize implements DocStep {
  private static final long serialVersionUID = 1L;
  private final Normalizer normalizer;

  public Normalize(Normalizer.Settings settings) {
    this.normalizer = new Normalizer(settings);
  }

  @Override
  public String stage() {
    return "normalize";
  }

  @Override
  public Doc apply(Doc in, Out out) {
    String text = normalizer.normalize(in.text());
    if (text.isEmpty()) {
      out.dead(
          DeadLetter.of(
              "normalize",
              "empty_text",
              "the text is empty after normalisation (only control or zero-width characters)",
              in.source(),
              in.location(),
              in.pos(),
              in.text()));
      return null;
    }
    return in.withText(text);
  }
}
