package dev.sluice.quality.rules;

import java.util.Map;
import java.util.TreeMap;

/** A document's text as it moves through the rule sets, with the signals they measured. */
public final class Scored {
  private String text;
  private java.util.List<String> tokens;
  private final TreeMap<String, Double> signals = new TreeMap<>();

  public Scored(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** Rule sets that clean text (C4's line filter) replace it here. */
  public void replaceText(String text) {
    this.text = text;
    this.tokens = null;
  }

  /** The text's tokens ({@link dev.sluice.quality.text.Words#tokens}), computed once per text. */
  public java.util.List<String> tokens() {
    if (tokens == null) tokens = dev.sluice.quality.text.Words.tokens(text);
    return tokens;
  }

  public void signal(String name, double value) {
    signals.put(name, value);
  }

  public Map<String, Double> signals() {
    return signals;
  }
}
