package dev.sluice.scaling.fit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a {@link FitSummary} (docs/scaling.md): per arm E, A, B, alpha, beta and, per arm against the
 * reference arm, multipliers, each {value, ci_low, ci_high}; non-finite numbers are null.
 */
public final class FitJson {
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FitJson() {}

  public static ObjectNode of(FitSummary s) {
    ObjectNode root = JSON.createObjectNode();
    root.put(
        "model",
        "L(N, D) = E + A / N^alpha + B / D^beta (Chinchilla approach 3: Huber loss, delta 1e-3, "
            + "on log L, summed over points)");
    root.put("points", s.points());
    root.put("resamples", s.resamples());
    root.put("seed", s.seed());
    root.put("reference", s.reference());
    ObjectNode arms = root.putObject("arms");
    s.arms()
        .forEach(
            (name, a) -> {
              ObjectNode o = arms.putObject(name);
              o.put("points", a.points());
              o.put("source", a.source());
              put(o, "E", a.e());
              put(o, "A", a.a());
              put(o, "B", a.b());
              put(o, "alpha", a.alpha());
              put(o, "beta", a.beta());
            });
    ObjectNode m = root.putObject("multipliers");
    s.multipliers().forEach((name, e) -> put(m, name, e));
    ObjectNode j = root.putObject("joint");
    put(j, "E", s.joint().e());
    put(j, "A", s.joint().a());
    put(j, "alpha", s.joint().alpha());
    put(j, "beta", s.joint().beta());
    ObjectNode jb = j.putObject("B");
    s.joint().b().forEach((name, e) -> put(jb, name, e));
    number(j, "objective", s.joint().objective());
    ArrayNode pb = root.putArray("multipliers_per_budget");
    for (FitSummary.BudgetMultiplier b : s.perBudget()) {
      ObjectNode o = pb.addObject();
      o.put("arm", b.arm());
      o.put("budget", b.budget());
      put(o, "multiplier", b.multiplier());
    }
    ArrayNode cmp = root.putArray("comparisons");
    for (FitSummary.Comparison c : s.comparisons()) {
      ObjectNode o = cmp.addObject();
      o.put("arm", c.arm());
      o.put("against", c.against());
      put(o, "multiplier", c.multiplier());
    }
    ObjectNode sel = root.putObject("model_selection");
    number(sel, "joint_aic", s.selection().jointAic());
    number(sel, "free_aic", s.selection().freeAic());
    number(sel, "joint_aicc", s.selection().jointAicc());
    number(sel, "free_aicc", s.selection().freeAicc());
    sel.put("criterion", "AICc");
    sel.put("preferred", s.selection().preferred());
    sel.put("reason", s.selection().reason());
    ArrayNode w = root.putArray("warnings");
    s.warnings().forEach(w::add);
    return root;
  }

  public static void put(ObjectNode parent, String name, Estimate e) {
    ObjectNode o = parent.putObject(name);
    number(o, "value", e.value());
    number(o, "ci_low", e.ciLow());
    number(o, "ci_high", e.ciHigh());
    // null means "no number" (NaN); a multiplier whose reference never reaches the loss is
    // +infinity
    if (e.value() == Double.POSITIVE_INFINITY) o.put("unbounded", true);
  }

  public static void number(ObjectNode o, String name, Double v) {
    if (v == null || !Double.isFinite(v)) o.putNull(name);
    else o.put(name, v);
  }
}
