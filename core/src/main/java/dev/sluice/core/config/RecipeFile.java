package dev.sluice.core.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one recipe loader of every verb (curation recipes, training recipes, experiment files): a YAML mapping read
 * from a file, then {@code --set a.b.c=value} overrides whose values are YAML ("[en, de]", "0.7", "true"). The
 * result is a plain map that each verb validates section by section with {@link Config}, so unknown keys and bad
 * values are refused the same way everywhere: naming the key, the value and what is allowed.
 */
public final class RecipeFile {
  /** A key given twice at one level (a second {@code dedup:} that would replace the first) is refused. */
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private RecipeFile() {}

  /** Reads {@code file} and applies the overrides in order. {@code what} names the file in errors ("recipe"). */
  public static Map<String, Object> load(String what, Path file, List<String> overrides) {
    Map<String, Object> map = read(what, file);
    for (String o : overrides) set(map, o);
    return map;
  }

  public static Map<String, Object> read(String what, Path file) {
    try {
      Object parsed = YAML.readValue(Files.readString(file, StandardCharsets.UTF_8), Object.class);
      if (!(parsed instanceof Map<?, ?>)) {
        throw new Config.ConfigException(what, file, "a YAML mapping of keys (name, ...)");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) parsed;
      return new LinkedHashMap<>(map);
    } catch (NoSuchFileException e) {
      throw new Config.ConfigException(what, file.toString(), "an existing YAML file");
    } catch (IOException e) {
      throw new Config.ConfigException(
          what,
          file.toString(),
          "valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  /** Applies one {@code a.b.c=value} override; the value is parsed as YAML, or kept as text when it is not YAML. */
  @SuppressWarnings("unchecked")
  public static void set(Map<String, Object> recipe, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0)
      throw new Config.ConfigException(
          "--set", assignment, "key=value, e.g. language.min_confidence=0.8");
    String key = assignment.substring(0, eq).trim();
    String raw = assignment.substring(eq + 1);
    Object value;
    try {
      value = raw.isEmpty() ? "" : YAML.readValue(raw, Object.class);
    } catch (IOException e) {
      value = raw;
    }
    String[] parts = key.split("\\.");
    Map<String, Object> node = recipe;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.get(parts[i]);
      if (!(child instanceof Map<?, ?>)) {
        child = new LinkedHashMap<String, Object>();
        node.put(parts[i], child);
      } else if (!(child instanceof LinkedHashMap<?, ?>)) {
        child = new LinkedHashMap<>((Map<String, Object>) child);
        node.put(parts[i], child);
      }
      node = (Map<String, Object>) child;
    }
    node.put(parts[parts.length - 1], value);
  }

  /** The recipe as canonical JSON (keys sorted at every level): what a recipe's sha256 hashes. */
  public static String canonicalJson(Map<String, Object> resolved) {
    try {
      return CANONICAL.writeValueAsString(sortDeep(resolved));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy with every map's keys sorted, recursively (lists keep their order). */
  public static Object sortDeep(Object o) {
    if (o instanceof Map<?, ?> m) {
      TreeMap<String, Object> out = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet())
        out.put(String.valueOf(e.getKey()), sortDeep(e.getValue()));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object x : l) out.add(sortDeep(x));
      return out;
    }
    return o;
  }
}
