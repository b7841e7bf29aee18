package dev.sluice.quality.rules;

import java.util.Map;
import java.util.TreeMap;

/** A document's text as it moves through the rule sets, with the signals they measured. */
public final class Scored {
  private String text;
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
  }

  public void signal(String name, double value) {
    signals.put(name, value);
  }

  public Map<String, Double> signals() {
    return signals;
  }
}
