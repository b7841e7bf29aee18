package dev.sluice.quality.rules;

/**
 * Why a document was rejected: the rule as {@code <ruleset>.<rule>} and the value that failed it (NaN when the
 * rule is a yes/no test such as "contains lorem ipsum").
 */
public record Rejection(String rule, double value) {
  public String ruleSet() {
    int dot = rule.indexOf('.');
    return dot < 0 ? rule : rule.substring(0, dot);
  }
}
