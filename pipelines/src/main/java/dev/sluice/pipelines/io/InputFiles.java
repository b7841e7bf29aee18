package dev.sluice.pipelines.io;

import dev.sluice.core.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Expands the recipe's input paths (globs with *, **, ?, [..] and {a,b}; directories; plain files) into a sorted,
 * distinct list of files, before the pipeline starts: a path that matches nothing is a recipe error (exit 2).
 * Hidden files and folders (names starting with '.') are skipped inside a directory or glob. For image_folder a
 * symbolic link whose target is missing is listed like a file, so that the reader makes it a dead letter instead of
 * the run losing it without a record.
 */
public final class InputFiles {
  private InputFiles() {}

  public static List<String> expand(List<String> patterns) {
    return expand(patterns, false);
  }

  /**
   * As {@link #expand(List)}; with {@code danglingLinks}, symbolic links to missing targets are listed too (for a
   * reader that makes each listed file a record or a dead letter; other callers open the files directly).
   */
  public static List<String> expand(List<String> patterns, boolean danglingLinks) {
    TreeSet<String> out = new TreeSet<>();
    for (String p : patterns) {
      List<String> matched = expandOne(p, danglingLinks);
      if (matched.isEmpty()) {
        throw new Config.ConfigException(
            "input.path", p, "a glob, directory or file that matches at least one file");
      }
      out.addAll(matched);
    }
    return new ArrayList<>(out);
  }

  static List<String> expandOne(String pattern) {
    return expandOne(pattern, false);
  }

  static List<String> expandOne(String pattern, boolean danglingLinks) {
    int glob = firstGlobChar(pattern);
    if (glob < 0) {
      Path p = Path.of(pattern);
      if (Files.isRegularFile(p) || danglingLinks && dangling(p)) return List.of(p.toString());
      if (Files.isDirectory(p)) return walk(p, danglingLinks);
      return List.of();
    }
    int slash = pattern.lastIndexOf('/', glob);
    Path base = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : pattern.substring(0, slash));
    if (!Files.isDirectory(base)) return List.of();
    String rest = pattern.substring(slash + 1);
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    List<String> files = new ArrayList<>();
    for (String f : walk(base, danglingLinks)) {
      Path rel = base.relativize(Path.of(f));
      if (m.matches(rel)) files.add(slash < 0 ? rel.toString() : f);
    }
    return files;
  }

  private static List<String> walk(Path dir, boolean danglingLinks) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> Files.isRegularFile(p) || danglingLinks && dangling(p))
          .filter(p -> !hidden(dir.relativize(p)))
          .map(Path::toString)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean dangling(Path p) {
    return Files.isSymbolicLink(p) && !Files.exists(p);
  }

  private static boolean hidden(Path rel) {
    for (Path part : rel) if (part.toString().startsWith(".")) return true;
    return false;
  }

  private static int firstGlobChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') return i;
    }
    return -1;
  }
}
