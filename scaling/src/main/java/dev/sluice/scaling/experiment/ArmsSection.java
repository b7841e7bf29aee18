package dev.sluice.scaling.experiment;

import dev.sluice.core.config.Config;
import dev.sluice.core.config.RecipeFile;
import dev.sluice.scaling.experiment.Experiment.Arm;
import dev.sluice.scaling.experiment.Experiment.Curriculum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The experiment file's {@code arms}: each a curation recipe, with optional --set overrides, a training curriculum
 * and an arm to be compared with ({@code against}); a curriculum ordered by difficulty gets its random-order
 * control beside it. Checked whole before any work, naming the arm as the file numbers it.
 */
final class ArmsSection {
  private ArmsSection() {}

  @SuppressWarnings("unchecked")
  static List<Arm> parse(Object raw, Path base) {
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw new Config.ConfigException(
          "arms", raw, "a list of {name, recipe[, set]}, the reference arm first");
    }
    List<Arm> out = new ArrayList<>();
    HashSet<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m))
        throw new Config.ConfigException("arms[" + i + "]", list.get(i), "{name, recipe[, set]}");
      Config a =
          Config.of("arms[" + i + "]", (Map<String, Object>) m)
              .allowOnly("name", "recipe", "set", "curriculum", "against");
      String name = a.getString("name", null);
      if (!Experiment.safeName(name)) {
        throw new Config.ConfigException(
            a.path("name"), name, "a name of letters, digits, '.', '_', '+' or '-'");
      }
      if (!names.add(name))
        throw new Config.ConfigException(a.path("name"), name, "a name no other arm has");
      String recipe = a.getString("recipe", null);
      if (recipe == null || !Files.isRegularFile(base.resolve(recipe))) {
        throw new Config.ConfigException(
            a.path("recipe"), recipe, "an existing curation recipe file");
      }
      Curriculum cur = null;
      if (a.has("curriculum")) {
        Config c = a.child("curriculum").allowOnly("order", "pacing", "start", "until", "stages");
        cur =
            new Curriculum(
                c.getChoice("order", "easy_first", "easy_first", "hard_first", "random"),
                c.getChoice("pacing", "sqrt", "linear", "sqrt", "step"),
                c.getDouble("start", 0.2),
                c.getDouble("until", 0.8),
                c.getInt("stages", 4, 1, 1000));
        if (!(cur.start() > 0 && cur.start() <= 1))
          throw new Config.ConfigException(c.path("start"), cur.start(), "a fraction in (0, 1]");
        if (!(cur.until() > 0 && cur.until() <= 1))
          throw new Config.ConfigException(c.path("until"), cur.until(), "a fraction in (0, 1]");
      }
      String against = a.getString("against", null);
      if (cur != null && !cur.order().equals("random") && against != null) {
        throw new Config.ConfigException(
            a.path("against"),
            against,
            "no against on a curriculum arm: it is compared with its control " + name + "-random");
      }
      List<String> set = a.getStringList("set", List.of());
      if (cur != null && !cur.order().equals("random")) {
        Map<String, Object> curation =
            RecipeFile.load("curation recipe", base.resolve(recipe), set);
        if (!curation.containsKey("curriculum")) {
          throw new Config.ConfigException(
              a.path("curriculum.order"),
              cur.order(),
              "random, or a recipe with a curriculum section ("
                  + recipe
                  + " writes no difficulty)");
        }
      }
      out.add(new Arm(name, base.resolve(recipe), set, cur, against));
    }
    List<String> allNames = new ArrayList<>(names);
    for (Arm x : out) {
      if (x.curriculum() != null && !x.curriculum().order().equals("random"))
        allNames.add(x.name() + "-random");
    }
    for (int i = 0; i < out.size(); i++) {
      String against = out.get(i).against();
      if (against != null && (!allNames.contains(against) || against.equals(out.get(i).name()))) {
        throw new Config.ConfigException(
            "arms[" + i + "].against", against, "the name of another arm, from " + allNames);
      }
    }
    return withControls(out);
  }

  /**
   * Every arm whose curriculum orders by difficulty gets its random-order control right after it, named {@code
   * <name>-random}: the same recipe, overrides and pacing, order random. The file may name it too, then exactly
   * so.
   */
  static List<Arm> withControls(List<Arm> arms) {
    Set<String> controls = new HashSet<>();
    for (Arm a : arms) {
      if (a.curriculum() != null && !a.curriculum().order().equals("random"))
        controls.add(a.name() + "-random");
    }
    List<Arm> out = new ArrayList<>();
    for (Arm a : arms) {
      if (controls.contains(a.name())) continue; // placed right after the arm it controls
      if (a.curriculum() == null || a.curriculum().order().equals("random")) {
        out.add(a);
        continue;
      }
      String control = a.name() + "-random";
      out.add(new Arm(a.name(), a.recipe(), a.set(), a.curriculum(), control));
      Arm made = new Arm(control, a.recipe(), a.set(), a.curriculum().withOrder("random"), null);
      Arm given = arms.stream().filter(x -> x.name().equals(control)).findFirst().orElse(null);
      if (given != null && !given.equals(made)) {
        throw new Config.ConfigException(
            "arms",
            control,
            "the control of arm "
                + a.name()
                + ": the same recipe, set and pacing with order random, and no against (or leave it"
                + " out: it is added)");
      }
      out.add(made);
    }
    return out;
  }
}
