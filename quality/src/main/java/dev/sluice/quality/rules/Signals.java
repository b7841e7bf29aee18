package dev.sluice.quality.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every signal name the registered rule sets declare ({@link RuleSet#signals}), in a fixed order, so coders can
 * send a small index instead of the name (a document carries ~30 signals through several shuffles). The table is
 * built from the static registry ({@link RuleSets#REGISTRY}, in its order, each rule set's names in its declared
 * order), never from the rule sets a recipe enables, so every JVM of a run numbers the names alike. A name that is
 * not in the table is sent as a string.
 */
public final class Signals {
  public static final List<String> KNOWN;
  private static final Map<String, Integer> INDEX = new HashMap<>();

  static {
    List<String> all = new ArrayList<>();
    for (RuleSets.Registered r : RuleSets.REGISTRY) {
      for (String name : r.signals()) {
        if (INDEX.putIfAbsent(name, all.size()) != null) {
          throw new IllegalStateException(
              "signal " + name + " of rule set " + r.name() + " is declared twice");
        }
        all.add(name);
      }
    }
    KNOWN = List.copyOf(all);
  }

  private Signals() {}

  /** The name's position in {@link #KNOWN}, or -1. */
  public static int indexOf(String name) {
    Integer i = INDEX.get(name);
    return i == null ? -1 : i;
  }
}
