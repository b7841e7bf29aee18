package dev.sluice.quality.pii;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What to redact: the replacement token of each kind that is on (a kind missing from {@code tokens} is left as
 * it is) and the regions whose numbering plans a phone number written without a '+' is checked against.
 */
public record PiiConfig(Map<PiiKind, String> tokens, List<String> phoneRegions)
    implements Serializable {
  public PiiConfig {
    tokens = Map.copyOf(tokens);
    phoneRegions = List.copyOf(phoneRegions);
    for (Map.Entry<PiiKind, String> e : tokens.entrySet()) {
      if (e.getValue().isEmpty())
        throw new IllegalArgumentException(
            "pii." + e.getKey().key() + ": got '', expected a non-empty replacement token");
    }
  }

  /** Every kind on, with its default token; phone numbers without '+' checked as US numbers. */
  public static PiiConfig defaults() {
    Map<PiiKind, String> all = new EnumMap<>(PiiKind.class);
    for (PiiKind k : PiiKind.values()) all.put(k, k.defaultToken());
    return new PiiConfig(all, List.of("US"));
  }

  /** Whether libphonenumber has a numbering plan for the region code (ISO 3166-1 alpha-2, upper case). */
  public static boolean knownRegion(String region) {
    return PhoneNumberUtil.getInstance().getSupportedRegions().contains(region);
  }

  public boolean on(PiiKind kind) {
    return tokens.containsKey(kind);
  }
}
