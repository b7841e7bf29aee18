package dev.sluice.quality.rules;

import dev.sluice.core.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the rule sets a recipe's {@code quality} section names, in the order it names them. */
public final class RuleSets {
  public static final List<String> KNOWN = List.of(GopherQuality.NAME, GopherRepetition.NAME, C4.NAME, FineWeb.NAME);

  private RuleSets() {}

  /** Fails with a message naming the field when a rule name or a threshold is not allowed. */
  public static List<RuleSet> fromSection(Map<String, Object> quality) {
    if (quality == null) return List.of();
    List<String> allowedKeys = new ArrayList<>(KNOWN);
    allowedKeys.add("rules");
    Config c = Config.of("quality", quality).allowOnly(allowedKeys.toArray(String[]::new));
    List<RuleSet> out = new ArrayList<>();
    for (String name : c.getStringList("rules", List.of())) {
      Map<String, Object> section = c.getSection(name);
      out.add(switch (name) {
        case GopherQuality.NAME -> new GopherQuality(GopherQuality.Settings.from(section));
        case GopherRepetition.NAME -> new GopherRepetition(GopherRepetition.Settings.from(section));
        case C4.NAME -> new C4(C4.Settings.from(section));
        case FineWeb.NAME -> new FineWeb(FineWeb.Settings.from(section));
        default -> throw new Config.ConfigException("quality.rules", name, "names from " + KNOWN);
      });
    }
    return out;
  }
}
