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
 * and checked; otherwise one is trained from {@code curriculum.reference} and saved with the run as
 * {@code OUT/curriculum/difficulty-model.bin}, so the run directory holds the exact model its difficulty came
 * from. A file that is not a model, or a reference that matches nothing, is a recipe error naming the field.
 */
final class CurriculumModel {
  static final String DIR = "curriculum";
  static final String FILE = "difficulty-model.bin";

  private final DifficultyModel model;
  private final Path given;

  private CurriculumModel(DifficultyModel model, Path given) {
    this.model = model;
    this.given = given;
  }

  /**
   * Null when no component needs a model. {@code reference: input} trains on the run's own input files (JSONL or
   * text), so no evaluation text has to inform the order.
   */
  static CurriculumModel settle(CurriculumSettings c, List<String> inputFiles) throws IOException {
    if (c == null || !c.needsModel()) return null;
    if (c.model() != null) {
      Path file = Path.of(c.model()).toAbsolutePath();
      if (!Files.isRegularFile(file)) {
        throw new Config.ConfigException("curriculum.model", c.model(), "an existing model file");
      }
      try {
        return new CurriculumModel(DifficultyModel.load(file), file);
      } catch (IllegalArgumentException e) {
        throw new Config.ConfigException(
            "curriculum.model", c.model(), "a Sluice difficulty model (" + e.getMessage() + ")");
      }
    }
    List<String> files;
    try {
      files =
          c.reference().equals(List.of(CurriculumSettings.INPUT))
              ? inputFiles
              : InputFiles.expand(c.reference());
    } catch (Config.ConfigException e) {
      throw new Config.ConfigException(
          "curriculum.reference", c.reference(), "files or globs that match at least one file");
    }
    try {
      return new CurriculumModel(
          DifficultyModel.trainFromFiles(files.stream().map(Path::of).toList(), c.order()), null);
    } catch (IllegalArgumentException e) {
      throw new Config.ConfigException(
          "curriculum.reference", c.reference(), "readable JSONL or text (" + e.getMessage() + ")");
    }
  }

  /** Saves a trained model into the run directory; returns the file the pipeline loads. */
  Path place(Path outDir) throws IOException {
    if (given != null) return given;
    Path file = outDir.toAbsolutePath().resolve(DIR).resolve(FILE);
    Files.createDirectories(file.getParent());
    model.save(file);
    return file;
  }

  DifficultyModel model() {
    return model;
  }
}
