package dev.sluice.pipelines.recipe;

import dev.sluice.core.config.RecipeFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A curation recipe: read and overridden by the shared {@link RecipeFile} loader, {partition} substituted, then
 * validated into a {@link Recipe}.
 */
public final class RecipeLoader {
  private RecipeLoader() {}

  public static Recipe load(Path file, List<String> overrides) {
    return Recipe.from(loadMap(file, overrides));
  }

  /** The recipe as a map, overridden and with {partition} substituted: text or image, not yet validated. */
  public static Map<String, Object> loadMap(Path file, List<String> overrides) {
    Map<String, Object> map = RecipeFile.load("recipe", file, overrides);
    substitutePartition(map);
    return map;
  }

  /** Replaces {partition} in input.path and output.path with input.partition, when it is set. */
  @SuppressWarnings("unchecked")
  static void substitutePartition(Map<String, Object> map) {
    if (!(map.get("input") instanceof Map<?, ?> in) || in.get("partition") == null) return;
    String part = String.valueOf(in.get("partition"));
    Map<String, Object> input = new LinkedHashMap<>((Map<String, Object>) in);
    Object path = input.get("path");
    if (path instanceof String s) input.put("path", s.replace("{partition}", part));
    if (path instanceof List<?> l)
      input.put(
          "path", l.stream().map(x -> String.valueOf(x).replace("{partition}", part)).toList());
    map.put("input", input);
    if (map.get("output") instanceof Map<?, ?> out && out.get("path") instanceof String op) {
      Map<String, Object> o = new LinkedHashMap<>((Map<String, Object>) out);
      o.put("path", op.replace("{partition}", part));
      map.put("output", o);
    }
  }
}
