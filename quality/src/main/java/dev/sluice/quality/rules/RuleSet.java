package dev.sluice.quality.rules;

import java.io.Serializable;

/** One named quality rule set (Gopher quality, C4, ...). Pure and thread-confined per instance. */
public interface RuleSet extends Serializable {
  String name();

  /** Measures the document, records signals on it, and returns the first failing rule or null to keep it. */
  Rejection apply(Scored doc);
}
