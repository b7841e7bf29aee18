package dev.sluice.core.config;

import dev.sluice.core.cli.UsageException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed values out of a recipe section (a map parsed from YAML) and rejects unknown keys, so a typo in a
 * recipe fails before any work with a message that names the field, the value and what is allowed.
 */
public final class Config {
  private final String section;
  private final Map<String, Object> values;

  private Config(String section, Map<String, Object> values) {
    this.section = section;
    this.values = values == null ? Map.of() : values;
  }

  public static Config of(String section, Map<String, Object> values) {
    return new Config(section, values);
  }

  /** Fails when the section holds a key outside {@code allowed}, suggesting the closest allowed key. */
  public Config allowOnly(String... allowed) {
    Set<String> ok = new TreeSet<>(List.of(allowed));
    for (String key : values.keySet()) {
      if (!ok.contains(key)) {
        throw new ConfigException(path(key), key, "one of " + ok + DidYouMean.hint(key, ok));
      }
    }
    return this;
  }

  /** The dotted name of a key of this section ("dedup.near.bands"); the top level has no prefix. */
  public String path(String key) {
    return section.isEmpty() ? key : section + "." + key;
  }

  /** A nested section as a Config of its own (empty when absent), its keys named with this section's prefix. */
  public Config child(String key) {
    return new Config(path(key), getSection(key));
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public double getDouble(String key, double dflt) {
    Object v = values.get(key);
    if (v == null) return dflt;
    if (v instanceof Number n) return n.doubleValue();
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(path(key), v, "a number");
    }
  }

  /** A number in [min, max] (either end may be infinite). */
  public double getDouble(String key, double dflt, double min, double max) {
    double d = getDouble(key, dflt);
    if (!(d >= min && d <= max)) {
      throw new ConfigException(
          path(key),
          values.get(key),
          max == Double.MAX_VALUE
              ? "a finite number >= " + fmt(min)
              : max == Double.POSITIVE_INFINITY
                  ? "a number >= " + fmt(min)
                  : "a number in [" + fmt(min) + ", " + fmt(max) + "]");
    }
    return d;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  public double getFraction(String key, double dflt) {
    double d = getDouble(key, dflt);
    if (!(d >= 0.0 && d <= 1.0)) throw new ConfigException(path(key), d, "a fraction in [0, 1]");
    return d;
  }

  public int getInt(String key, int dflt, int min, int max) {
    Object v = values.get(key);
    if (v == null) return dflt;
    long n;
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      n = ((Number) v).longValue();
    } else {
      try {
        n = Long.parseLong(v.toString().trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(path(key), v, "an integer in [" + min + ", " + max + "]");
      }
    }
    if (n < min || n > max) {
      throw new ConfigException(path(key), v, "an integer in [" + min + ", " + max + "]");
    }
    return (int) n;
  }

  public long getLong(String key, long dflt, long min, long max) {
    Object v = values.get(key);
    if (v == null) return dflt;
    long n;
    try {
      // a YAML integer past 64 bits arrives as a BigInteger, whose longValue() would wrap: parsed
      // from its text it is out of range instead
      n =
          v instanceof Integer || v instanceof Long || v instanceof Short
              ? ((Number) v).longValue()
              : Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(path(key), v, "an integer in [" + min + ", " + max + "]");
    }
    if (n < min || n > max) {
      throw new ConfigException(path(key), v, "an integer in [" + min + ", " + max + "]");
    }
    return n;
  }

  public boolean getBool(String key, boolean dflt) {
    Object v = values.get(key);
    if (v == null) return dflt;
    if (v instanceof Boolean b) return b;
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true")) return true;
    if (s.equals("false")) return false;
    throw new ConfigException(path(key), v, "true or false");
  }

  public String getString(String key, String dflt) {
    Object v = values.get(key);
    return v == null ? dflt : v.toString();
  }

  public String getChoice(String key, String dflt, String... allowed) {
    String v = getString(key, dflt);
    for (String a : allowed) if (a.equals(v)) return v;
    throw new ConfigException(
        path(key), v, "one of " + List.of(allowed) + DidYouMean.hint(v, List.of(allowed)));
  }

  @SuppressWarnings("unchecked")
  public List<String> getStringList(String key, List<String> dflt) {
    Object v = values.get(key);
    if (v == null) return dflt;
    if (v instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (v instanceof Number || v instanceof Boolean) return List.of(String.valueOf(v)); // one item
    if (v instanceof String s) {
      String t = s.trim();
      if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
      if (t.isBlank()) return List.of();
      return splitTopLevel(t);
    }
    throw new ConfigException(path(key), v, "a list of strings");
  }

  /**
   * "a, b" as [a, b], splitting only at commas outside braces and brackets, so that a glob's {@code {x,y}} or
   * {@code [,]} stays one item.
   */
  static List<String> splitTopLevel(String t) {
    List<String> items = new java.util.ArrayList<>();
    int depth = 0, start = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '{' || c == '[') depth++;
      else if ((c == '}' || c == ']') && depth > 0) depth--;
      else if (c == ',' && depth == 0) {
        items.add(t.substring(start, i).trim());
        start = i + 1;
      }
    }
    items.add(t.substring(start).trim());
    return List.copyOf(items);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> getSection(String key) {
    Object v = values.get(key);
    if (v == null) return null;
    if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw new ConfigException(path(key), v, "a mapping of keys to values");
  }

  /** A recipe value that is not allowed; the message names the field, the value and what is allowed. */
  public static final class ConfigException extends UsageException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public ConfigException(String field, Object value, String allowed) {
      super(
          String.format(
              Locale.ROOT,
              "%s: got %s, expected %s",
              field,
              value instanceof String ? "'" + value + "'" : String.valueOf(value),
              allowed));
      this.field = field;
    }

    public String field() {
      return field;
    }

    @Override
    public String kind() {
      return field.startsWith("--") ? "bad option: " : "bad recipe: ";
    }
  }
}
