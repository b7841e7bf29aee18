package dev.sluice.quality.rules;

import dev.sluice.core.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the rule sets a recipe's {@code quality} section names, in the order it names them. */
public final class RuleSets {
  /** A rule set a recipe can name: its name, the signals it records, and how its recipe section builds it. */
  public record Registered(
      String name, List<String> signals, Function<Map<String, Object>, RuleSet> build) {}

  /**
   * Every rule set, in a fixed order that is part of the coders' wire format ({@link Signals} numbers the signals
   * in this order): add a new rule set at the end.
   */
  public static final List<Registered> REGISTRY =
      List.of(
          new Registered(
              GopherQuality.NAME,
              GopherQuality.SIGNALS,
              s -> new GopherQuality(GopherQuality.Settings.from(s))),
          new Registered(
              GopherRepetition.NAME,
              GopherRepetition.SIGNALS,
              s -> new GopherRepetition(GopherRepetition.Settings.from(s))),
          new Registered(C4.NAME, C4.SIGNALS, s -> new C4(C4.Settings.from(s))),
          new Registered(
              FineWeb.NAME, FineWeb.SIGNALS, s -> new FineWeb(FineWeb.Settings.from(s))));

  public static final List<String> KNOWN = REGISTRY.stream().map(Registered::name).toList();

  private RuleSets() {}

  /** Fails with a message naming the field when a rule name or a threshold is not allowed. */
  public static List<RuleSet> fromSection(Map<String, Object> quality) {
    if (quality == null) return List.of();
    List<String> allowedKeys = new ArrayList<>(KNOWN);
    allowedKeys.add("rules");
    Config c = Config.of("quality", quality).allowOnly(allowedKeys.toArray(String[]::new));
    List<String> configured = KNOWN.stream().filter(quality::containsKey).toList();
    if (!quality.containsKey("rules") && !configured.isEmpty()) {
      // settings for rule sets with none named to run: nothing would be filtered
      throw new Config.ConfigException(
          "quality.rules",
          null,
          "the rule sets to run (the section sets " + configured + " but names none)");
    }
    List<RuleSet> out = new ArrayList<>();
    for (String name : c.getStringList("rules", List.of())) {
      Registered r =
          REGISTRY.stream()
              .filter(x -> x.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () -> new Config.ConfigException("quality.rules", name, "names from " + KNOWN));
      out.add(r.build().apply(c.getSection(name)));
    }
    return out;
  }
}
