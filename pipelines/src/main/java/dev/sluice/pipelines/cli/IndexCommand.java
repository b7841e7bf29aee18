package dev.sluice.pipelines.cli;

import dev.sluice.core.cli.UsageException;
import dev.sluice.pipelines.history.HistoryIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice index PATH [--remove ID ...]}: the cross-run dedup index's size, and takedowns by id. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description =
        "Show the cross-run dedup index (dedup.history) or remove documents from it by id.",
    footer = {
      "",
      "Examples:",
      "  bin/sluice index out/nightly/history",
      "  bin/sluice index out/nightly/history --remove fortune-art-00012 fortune-art-00013"
    })
public final class IndexCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "PATH",
      description = "the index folder (the recipe's dedup.history)")
  Path dir;

  @Option(
      names = "--remove",
      arity = "1..*",
      paramLabel = "ID",
      description = "ids to delete from the index")
  List<String> remove = new ArrayList<>();

  @Option(names = "--verbose", description = "stack traces on failure")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (!HistoryIndex.exists(dir)) throw new UsageException(dir + " is not a Sluice history index");
    if (!remove.isEmpty()) {
      long n = HistoryIndex.remove(dir, remove);
      System.out.println("removed " + n + " of " + remove.size() + " ids from " + dir);
    }
    long bytes;
    try (Stream<Path> s = Files.walk(dir)) {
      bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf(
        java.util.Locale.ROOT,
        "%s: %,d documents, %,d bytes on disk%n",
        dir,
        HistoryIndex.size(dir),
        bytes);
    return 0;
  }
}
