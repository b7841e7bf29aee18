package dev.sluice.pipelines.recipe;

import dev.sluice.core.config.Config;
import dev.sluice.quality.pii.PiiConfig;
import dev.sluice.quality.pii.PiiKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code pii} section: {@code pii: {}} redacts every kind with its default token; a kind's key sets its token
 * ({@code email: "[email]"}), and {@code null} or {@code false} turns that kind off ({@code true}: the default
 * token). {@code phone_regions}: the regions a number written without '+' is checked against (default [US]).
 */
public final class PiiSettings {
  private PiiSettings() {}

  public static final String PHONE_REGIONS = "phone_regions";

  /** The recipe's {@code pii} value: null (off) when absent, null or false; {@code true} is {@code pii: {}}. */
  @SuppressWarnings("unchecked")
  public static PiiConfig fromValue(Object value) {
    if (value == null || Boolean.FALSE.equals(value)) return null;
    if (Boolean.TRUE.equals(value)) return from(Map.of());
    if (value instanceof Map<?, ?> m) return from((Map<String, Object>) m);
    throw new Config.ConfigException(
        "pii",
        value,
        "a mapping such as {} (every kind, default tokens) or {email: \"<EMAIL>\", ip: false}");
  }

  public static PiiConfig from(Map<String, Object> section) {
    Config c = Config.of("pii", section).allowOnly("email", "ip", "phone", "secret", PHONE_REGIONS);
    Map<PiiKind, String> tokens = new EnumMap<>(PiiKind.class);
    for (PiiKind kind : PiiKind.values()) {
      String key = kind.key();
      if (!c.has(key)) {
        tokens.put(kind, kind.defaultToken());
        continue;
      }
      Object v = section.get(key);
      if (v == null || Boolean.FALSE.equals(v)) continue;
      if (Boolean.TRUE.equals(v)) {
        tokens.put(kind, kind.defaultToken());
      } else if (v instanceof String token && !token.isEmpty()) {
        tokens.put(kind, token);
      } else {
        throw new Config.ConfigException(
            c.path(key),
            v,
            "a non-empty replacement token, true ("
                + kind.defaultToken()
                + "), or null/false to leave "
                + key
                + " as it is");
      }
    }
    List<String> regions = c.getStringList(PHONE_REGIONS, List.of("US"));
    for (String region : regions) {
      if (!PiiConfig.knownRegion(region)) {
        throw new Config.ConfigException(
            c.path(PHONE_REGIONS), region, "ISO 3166 region codes such as US, GB, DE, IN, JP");
      }
    }
    if (tokens.containsKey(PiiKind.PHONE) && regions.isEmpty()) {
      throw new Config.ConfigException(
          c.path(PHONE_REGIONS), "[]", "at least one region while phone numbers are redacted");
    }
    return new PiiConfig(tokens, regions);
  }
}
