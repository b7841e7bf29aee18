package dev.sluice.pipelines.cli;

import dev.sluice.augment.difficulty.DifficultyModel;
import dev.sluice.core.cli.UsageException;
import dev.sluice.pipelines.io.InputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice difficulty-model REFERENCE... --output FILE}: trains the curriculum's reference model (a character
 * n-gram model with interpolated modified Kneser-Ney smoothing, and word frequencies) once, saved and versioned,
 * for recipes to name in {@code curriculum.model}.
 */
@Command(
    name = "difficulty-model",
    mixinStandardHelpOptions = true,
    description =
        "Train the reference model of curriculum difficulty (perplexity, rarity) from JSONL or text files.",
    footer = {
      "",
      "Examples:",
      "  bin/sluice difficulty-model 'samples/text/en/*.jsonl' --output out/models/en.bin",
      "  bin/sluice difficulty-model corpus/ --order 6 --output out/models/corpus-kn6.bin",
      "Then, in a curation recipe: curriculum: {difficulty: [length, perplexity], model: out/models/en.bin}"
    })
public final class DifficultyModelCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "REFERENCE",
      description =
          "files, folders or globs: .jsonl(.gz) (the text field) or .txt(.gz) (paragraphs)")
  List<String> reference;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "model file")
  Path output;

  @Option(
      names = "--order",
      defaultValue = "" + DifficultyModel.DEFAULT_ORDER,
      description = "n-gram order, 2 to 8 (default ${DEFAULT-VALUE})")
  int order;

  @Option(names = "--verbose", description = "stack traces on failure")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (order < 2 || order > 8) throw new UsageException("--order must be in [2, 8], got " + order);
    List<Path> files;
    try {
      files = InputFiles.expand(reference).stream().map(Path::of).toList();
    } catch (UsageException e) {
      throw new UsageException("REFERENCE " + reference + " matches no file");
    }
    long t0 = System.nanoTime();
    DifficultyModel m;
    try {
      m = DifficultyModel.trainFromFiles(files, order);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (output.toAbsolutePath().getParent() != null)
      Files.createDirectories(output.toAbsolutePath().getParent());
    m.save(output);
    System.out.printf(
        Locale.ROOT,
        "%s: %s, %,d documents, %,d code points, %,d bytes, %.1f s%n",
        output,
        m.version(),
        m.trainingDocs(),
        m.trainingCodePoints(),
        Files.size(output),
        (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
