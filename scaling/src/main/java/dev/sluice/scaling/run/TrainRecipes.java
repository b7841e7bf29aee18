package dev.sluice.scaling.run;

import dev.sluice.scaling.experiment.Experiment;
import dev.sluice.scaling.experiment.GridPlan;
import java.util.Locale;

/**
 * The training recipe of a point: the experiment's one training recipe, the size's shape, learning rate and batch,
 * and the point's step count; evaluation and a checkpoint only at the end (the grid's points are short; a killed
 * point is trained again from its start, or resumed when it had reached its checkpoint).
 */
final class TrainRecipes {
  private TrainRecipes() {}

  /**
   * 1024 sequences, except in an experiment with a curriculum arm: there the buffer delays what the pacing admits
   * by its size, so it is held to a twentieth of the point's sequences (at least one batch), for every arm of the
   * experiment alike (a curriculum arm against raw compares the order, not also a shuffle buffer).
   */
  static int shuffleBuffer(Experiment x, GridPlan.PlannedPoint p) {
    if (x.arms().stream().allMatch(a -> a.curriculum() == null)) return 1024;
    long sequences = (long) p.steps() * p.size().batchSize();
    return (int) Math.max(p.size().batchSize(), Math.min(1024, sequences / 20));
  }

  static String curriculum(GridPlan.PlannedPoint p) {
    Experiment.Curriculum c = p.arm().curriculum();
    if (c == null) return "";
    return String.format(
        Locale.ROOT,
        "curriculum: {order: %s, pacing: %s, start: %s, until: %s, stages: %d}\n",
        c.order(),
        c.pacing(),
        c.start(),
        c.until(),
        c.stages());
  }

  static String yaml(Experiment x, GridPlan.PlannedPoint p) {
    Experiment.Size s = p.size();
    Experiment.Train t = x.train();
    long warmup = Math.max(1, Math.round(t.warmupFraction() * p.steps()));
    return String.format(
        Locale.ROOT,
        """
        # written by sluice scale for point %s (budget %.4g FLOPs)
        name: %s
        seed: %d
        model: {n_layer: %d, d_model: %d, n_head: %d, context: %d, mlp_ratio: %d}
        data: {val_fraction: %s, shuffle_buffer: %d}
        train:
          batch_size: %d
          steps: %d
          lr: %s
          min_lr_ratio: %s
          warmup_steps: %d
          schedule: %s
          weight_decay: %s
          grad_clip: %s
        eval: {every: %d, sequences: %d}
        checkpoint: {every: %d, keep: 1}
        log_every: %d
        %s""",
        p.id(),
        p.budget(),
        p.id().replace('/', '_'),
        p.seed(),
        s.layers(),
        s.dModel(),
        s.heads(),
        x.model().context(),
        x.model().mlpRatio(),
        t.valFraction(),
        shuffleBuffer(x, p),
        s.batchSize(),
        p.steps(),
        s.lr(),
        t.minLrRatio(),
        Math.min(warmup, p.steps()),
        t.schedule(),
        t.weightDecay(),
        t.gradClip(),
        p.steps(),
        x.eval().sequences(),
        p.steps(),
        Math.max(1, p.steps() / 10),
        curriculum(p));
  }
}
