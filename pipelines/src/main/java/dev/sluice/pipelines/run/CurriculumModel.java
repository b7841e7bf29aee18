package dev.sluice.pipelines.run;

import dev.sluice.augment.difficulty.DifficultyModel;
import dev.sluice.core.config.Config;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.CurriculumSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The curriculum's reference model, settled before any work: a saved model ({@code curriculum.model}) is loaded
 * and checked; otherwise one is trained from {@code curriculum.reference}. Either way it is written into the run
 * as {@code OUT/curriculum/difficulty-model.bin} (a given model is copied: the run directory holds the exact model
 * its difficulty came from, and a model that was itself in the previous run's folder survives the clean-up). A
 * file that is not a model, or a reference that matches nothing, is a recipe error naming the field.
 */
public final class CurriculumModel {
  static final String DIR = "curriculum";
  static final String FILE = "difficulty-model.bin";

  private final DifficultyModel model;

  private CurriculumModel(DifficultyModel model) {
    this.model = model;
  }

  /** For {@code run --check}: the model file loads, or the reference matches files; nothing is trained. */
  public static void check(CurriculumSettings c) throws IOException {
    if (c == null || !c.needsModel()) return;
    if (c.model() != null) {
      load(c);
    } else if (!c.reference().equals(List.of(CurriculumSettings.INPUT))) {
      reference(c, List.of());
    }
  }

  private static DifficultyModel load(CurriculumSettings c) throws IOException {
    Path file = Path.of(c.model()).toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new Config.ConfigException("curriculum.model", c.model(), "an existing model file");
    }
    try {
      return DifficultyModel.load(file);
    } catch (IllegalArgumentException e) {
      throw new Config.ConfigException(
          "curriculum.model", c.model(), "a Sluice difficulty model (" + e.getMessage() + ")");
    }
  }

  private static List<String> reference(CurriculumSettings c, List<String> inputFiles) {
    try {
      return c.reference().equals(List.of(CurriculumSettings.INPUT))
          ? inputFiles
          : InputFiles.expand(c.reference());
    } catch (Config.ConfigException e) {
      throw new Config.ConfigException(
          "curriculum.reference", c.reference(), "files or globs that match at least one file");
    }
  }

  /**
   * Null when no component needs a model. {@code reference: input} trains on the run's own input files (JSONL or
   * text), so no evaluation text has to inform the order.
   */
  static CurriculumModel settle(CurriculumSettings c, List<String> inputFiles) throws IOException {
    if (c == null || !c.needsModel()) return null;
    if (c.model() != null) return new CurriculumModel(load(c));
    List<String> files = reference(c, inputFiles);
    try {
      return new CurriculumModel(
          DifficultyModel.trainFromFiles(files.stream().map(Path::of).toList(), c.ngramOrder()));
    } catch (IllegalArgumentException e) {
      throw new Config.ConfigException(
          "curriculum.reference", c.reference(), "readable JSONL or text (" + e.getMessage() + ")");
    }
  }

  /** Writes the model into the run directory; returns the file the pipeline loads. */
  Path place(Path outDir) throws IOException {
    Path file = outDir.toAbsolutePath().resolve(DIR).resolve(FILE);
    Files.createDirectories(file.getParent());
    model.save(file);
    return file;
  }

  DifficultyModel model() {
    return model;
  }
}
