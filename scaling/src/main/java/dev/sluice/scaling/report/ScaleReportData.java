package dev.sluice.scaling.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.scaling.analysis.IsoFlop;
import dev.sluice.scaling.analysis.ScaleAnalysis;
import dev.sluice.scaling.experiment.GridPlan;
import dev.sluice.scaling.fit.Estimate;
import dev.sluice.scaling.fit.FitJson;
import dev.sluice.scaling.fit.FitSummary;
import dev.sluice.scaling.fit.ScalingLaw;
import dev.sluice.scaling.pool.PreparedPool;
import dev.sluice.scaling.run.PointResult;
import java.util.Arrays;
import java.util.List;

/**
 * report.json of a scaling experiment: the experiment, the pool, every point, and per evaluation set the fit
 * (the {@code sluice fit} JSON), honesty checks, approach 2, the verdict, and the chart series the HTML draws.
 */
public final class ScaleReportData {
  static final ObjectMapper JSON = FitJson.JSON;
  public static final com.fasterxml.jackson.databind.ObjectWriter JSON_WRITER =
      FitJson.JSON.writer();

  private ScaleReportData() {}

  public static ObjectNode of(
      String name,
      Object experiment,
      Object tuning,
      PreparedPool.Summary pool,
      List<PointResult> points,
      List<GridPlan.Skipped> skipped,
      List<ScaleAnalysis.SetAnalysis> sets) {
    ObjectNode root = JSON.createObjectNode();
    root.put("name", name);
    root.set("experiment", JSON.valueToTree(experiment));
    root.set("lr_tuning", JSON.valueToTree(tuning));
    root.put(
        "flops_formula",
        "C = FLOPs per token x tokens; FLOPs per token = 6 x (parameters - embedding tables) + "
            + "12 x n_layer x context x d_model (result.json's flops_per_token); the fits use N = FLOPs per token / 6, "
            + "so C = 6 N D exactly");
    root.set("pool", JSON.valueToTree(pool));
    root.set("points", JSON.valueToTree(points));
    root.set("skipped", JSON.valueToTree(skipped));
    ArrayNode arr = root.putArray("eval_sets");
    for (ScaleAnalysis.SetAnalysis s : sets) {
      ObjectNode o = arr.addObject();
      o.put("eval_set", s.evalSet());
      if (s.fit() != null) o.set("fit", FitJson.of(s.fit()));
      else o.put("fit_error", s.fitError());
      o.set("held_out_budget_error", JSON.valueToTree(s.heldOutBudgetError()));
      o.put("held_out_budget_note", s.heldOutBudgetNote());
      if (s.seedNoise() != null) o.put("seed_noise_relative_sd", s.seedNoise());
      else o.putNull("seed_noise_relative_sd");
      o.put("seed_groups", s.seedGroups());
      o.set("isoflop_minima", JSON.valueToTree(s.isoFlop()));
      ObjectNode ex = o.putObject("isoflop_exponent");
      s.isoFlopExponent()
          .forEach(
              (k, v) -> {
                if (Double.isFinite(v)) ex.put(k, v);
                else ex.putNull(k);
              });
      o.set("verdict", JSON.valueToTree(s.verdict()));
      if (s.fit() != null) o.set("charts", charts(s.fit(), points, s.evalSet(), s.isoFlop()));
    }
    return root;
  }

  /** Series for the charts: frontiers with 95% bands, N_opt / D_opt, IsoFLOP law curves, residuals. */
  static ObjectNode charts(
      FitSummary fit, List<PointResult> points, String set, List<IsoFlop.Minimum> minima) {
    ObjectNode c = JSON.createObjectNode();
    double lo = points.stream().mapToDouble(PointResult::flops).min().orElse(1) / 3;
    double hi = points.stream().mapToDouble(PointResult::flops).max().orElse(10) * 10;
    double[] grid = new double[41];
    for (int i = 0; i < grid.length; i++)
      grid[i] = Math.exp(Math.log(lo) + i * (Math.log(hi) - Math.log(lo)) / 40);
    ObjectNode frontier = c.putObject("frontier");
    ObjectNode optimal = c.putObject("optimal");
    for (String arm : fit.arms().keySet()) {
      ScalingLaw law = fit.arms().get(arm).law();
      ArrayNode line = frontier.putObject(arm).putArray("fit");
      ArrayNode band = frontier.with(arm).putArray("band");
      ArrayNode pts = frontier.with(arm).putArray("points");
      ArrayNode nOpt = optimal.putObject(arm).putArray("n");
      ArrayNode dOpt = optimal.with(arm).putArray("d");
      for (double x : grid) {
        line.addArray().add(x).add(law.optimalLoss(x));
        Estimate ci =
            Estimate.of(
                law.optimalLoss(x),
                fit.bootstrap().get(arm).stream().mapToDouble(l -> l.optimalLoss(x)).toArray());
        if (ci.ciLow() != null && Double.isFinite(ci.ciLow()) && Double.isFinite(ci.ciHigh())) {
          band.addArray().add(x).add(ci.ciLow()).add(ci.ciHigh());
        }
        nOpt.addArray().add(x).add(law.optimalN(x));
        dOpt.addArray().add(x).add(law.optimalD(x));
      }
      for (PointResult p : points) {
        Double l = p.evalBpb().get(set);
        if (p.arm().equals(arm) && l != null)
          pts.addArray().add(p.flops()).add(l).add(p.fitN()).add(p.tokens());
      }
    }
    ArrayNode minimaNode = c.putArray("isoflop_minima");
    for (IsoFlop.Minimum m : minima)
      minimaNode.addArray().add(m.arm()).add(m.budget()).add(m.nOpt()).add(m.loss());
    ArrayNode iso = c.putArray("isoflop");
    for (double budget :
        points.stream().mapToDouble(PointResult::budget).distinct().sorted().toArray()) {
      for (String arm : fit.arms().keySet()) {
        ObjectNode o = iso.addObject();
        o.put("arm", arm);
        o.put("budget", budget);
        ScalingLaw law = fit.arms().get(arm).law();
        double[] ns =
            points.stream()
                .filter(p -> p.arm().equals(arm) && p.budget() == budget)
                .mapToDouble(PointResult::fitN)
                .toArray();
        double nlo = Arrays.stream(ns).min().orElse(1) / 2,
            nhi = Arrays.stream(ns).max().orElse(2) * 2;
        ArrayNode curve = o.putArray("fit");
        for (int i = 0; i <= 30; i++) {
          double n = Math.exp(Math.log(nlo) + i * (Math.log(nhi) - Math.log(nlo)) / 30);
          double c6 =
              points.stream()
                  .filter(p -> p.budget() == budget)
                  .mapToDouble(PointResult::flops)
                  .average()
                  .orElse(budget);
          curve.addArray().add(n).add(law.loss(n, c6 / (6 * n)));
        }
        ArrayNode obs = o.putArray("points");
        for (PointResult p : points) {
          Double l = p.evalBpb().get(set);
          if (p.arm().equals(arm) && p.budget() == budget && l != null)
            obs.addArray().add(p.fitN()).add(l);
        }
      }
    }
    ArrayNode res = c.putArray("residuals");
    for (PointResult p : points) {
      Double l = p.evalBpb().get(set);
      if (l == null || !fit.arms().containsKey(p.arm())) continue;
      double pred = fit.arms().get(p.arm()).law().loss(p.fitN(), p.tokens());
      res.addArray().add(p.arm()).add(p.flops()).add(Math.log(pred / l));
    }
    return c;
  }
}
