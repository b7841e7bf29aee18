package dev.sluice.quality.rules;

import java.io.Serializable;

/** One named quality rule set (Gopher quality, C4, ...). Pure and thread-confined per instance. */
public interface RuleSet extends Serializable {
  String name();

  /**
   * Every signal name {@link #apply} may record, in a fixed order. Declared here, by the rule that computes them,
   * and nowhere else: {@link Signals} builds the coders' name table from the registered rule sets' lists.
   */
  java.util.List<String> signals();

  /** Measures the document, records signals on it, and returns the first failing rule or null to keep it. */
  Rejection apply(Scored doc);

  /** The thresholds this rule set applies, by the signal they apply to (for marking the report's charts). */
  default java.util.Map<String, java.util.List<Double>> thresholds() {
    return java.util.Map.of();
  }
}
