package dev.sluice.scaling.experiment;

import dev.sluice.core.config.Config;
import dev.sluice.scaling.experiment.Experiment.ModelFamily;
import dev.sluice.scaling.experiment.Experiment.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The experiment file's {@code model}: the family's context and MLP ratio, its sizes (each with the learning rate
 * and batch tuned for it) and the optional learning-rate factors tried once per size. Checked whole before any
 * work, naming the size as the file numbers it.
 */
final class ModelSection {
  private ModelSection() {}

  @SuppressWarnings("unchecked")
  static ModelFamily parse(Map<String, Object> section) {
    Config m = Config.of("model", section).allowOnly("context", "mlp_ratio", "sizes", "tune_lr");
    List<Size> sizes = new ArrayList<>();
    Object list = section == null ? null : section.get("sizes");
    if (!(list instanceof List<?> l) || l.isEmpty()) {
      throw new Config.ConfigException(
          "model.sizes", list, "a list of {name, n_layer, d_model, n_head, lr[, batch_size]}");
    }
    HashSet<String> names = new HashSet<>();
    for (int i = 0; i < l.size(); i++) {
      if (!(l.get(i) instanceof Map<?, ?> mm))
        throw new Config.ConfigException("model.sizes[" + i + "]", l.get(i), "a mapping");
      Config s =
          Config.of("model.sizes[" + i + "]", (Map<String, Object>) mm)
              .allowOnly("name", "n_layer", "d_model", "n_head", "lr", "batch_size");
      String name = s.getString("name", "size" + i);
      if (!Experiment.safeName(name)) {
        throw new Config.ConfigException(
            s.path("name"),
            name,
            "a name of letters, digits, '.', '_', '+' or '-' (it names folders)");
      }
      if (!names.add(name))
        throw new Config.ConfigException(s.path("name"), name, "a name no other size has");
      int d = s.getInt("d_model", 64, 1, 1 << 16);
      int h = s.getInt("n_head", 4, 1, 1 << 10);
      if (d % h != 0)
        throw new Config.ConfigException(s.path("n_head"), h, "a divisor of d_model (" + d + ")");
      double lr = s.getDouble("lr", 1e-3);
      if (!(lr > 0 && lr < 1))
        throw new Config.ConfigException(s.path("lr"), lr, "a learning rate in (0, 1)");
      sizes.add(
          new Size(
              name,
              s.getInt("n_layer", 2, 1, 1 << 10),
              d,
              h,
              lr,
              s.getInt("batch_size", 16, 1, 1 << 16)));
    }
    List<Double> tune = new ArrayList<>();
    for (String f : m.getStringList("tune_lr", List.of())) {
      double v;
      try {
        v = Double.parseDouble(f.trim());
      } catch (NumberFormatException e) {
        throw new Config.ConfigException(
            "model.tune_lr", f, "factors of each size's lr, e.g. [0.5, 1, 2]");
      }
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new Config.ConfigException("model.tune_lr", f, "positive factors, e.g. [0.5, 1, 2]");
      }
      tune.add(v);
    }
    if (tune.stream().map(v -> String.format(java.util.Locale.ROOT, "%.4g", v)).distinct().count()
        != tune.size()) {
      throw new Config.ConfigException("model.tune_lr", tune, "distinct factors");
    }
    if (tune.size() == 1) {
      throw new Config.ConfigException(
          "model.tune_lr", tune, "two factors or more (or none: no tuning)");
    }
    return new ModelFamily(
        m.getInt("context", 128, 2, 1 << 16),
        m.getInt("mlp_ratio", 4, 1, 64),
        sizes,
        List.copyOf(tune));
  }
}
