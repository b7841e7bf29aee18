package dev.sluice.pipelines.io;

import dev.sluice.core.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expands the recipe's input paths (globs with *, **, ?, [..] and {a,b}; directories; plain files) into a sorted,
 * distinct list of files, before the pipeline starts: a path that matches nothing is a recipe error (exit 2).
 * Hidden files and folders (names starting with '.') are skipped inside a directory or glob; links to folders are
 * followed. For image_folder a
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
    return expand(patterns, danglingLinks, null);
  }

  /**
   * Sizes the files a listing finds, as it finds them, for a caller that only needs to know whether the input is
   * over some size: once it is, the listing stops (a folder's walk there and then; a glob's walk is whole, and only
   * the sizing of its matches stops). Each file is counted once, however many input paths name it.
   */
  public interface Sizer {
    /** Counts a listed file of {@code bytes} (0 where it cannot be sized); true stops the listing. */
    boolean add(String file, long bytes);
  }

  /**
   * As {@link #expand(List, boolean)}, every file also counted by {@code sizer} (when not null); null when the sizer
   * stopped the listing. A folder's files are sized from the attributes its walk reads anyway, a glob's and a
   * named file's with one more system call each.
   */
  public static List<String> expand(List<String> patterns, boolean danglingLinks, Sizer sizer) {
    if (sizer != null && patterns.size() > 1) {
      // paths may overlap (a folder and a glob inside it): a file named twice is counted once
      Set<String> counted = new HashSet<>();
      Sizer once = sizer;
      sizer = (f, bytes) -> counted.add(samePath(f)) && once.add(f, bytes);
    }
    List<String> first = null;
    TreeSet<String> merged = null;
    Set<String> seen = null; // each file once, however its paths spell it (t/a.jsonl, ./t/a.jsonl)
    for (String p : patterns) {
      List<String> matched = expandOne(p, danglingLinks, sizer);
      if (matched == null) return null;
      if (matched.isEmpty()) {
        throw new Config.ConfigException(
            "input.path", p, "a glob, directory or file that matches at least one file");
      }
      // one pattern's files are sorted and distinct already: only several need merging
      if (first == null) {
        first = matched;
      } else {
        if (merged == null) {
          merged = new TreeSet<>(first);
          seen = new HashSet<>();
          for (String f : first) seen.add(samePath(f));
        }
        for (String f : matched) if (seen.add(samePath(f))) merged.add(f);
      }
    }
    return new ArrayList<>(merged == null ? first : merged);
  }

  /**
   * The file's real path (links followed, so {@code a/b/../1.jsonl} is where it leads when b is a link): two
   * spellings of one file give the same. A file that cannot be resolved (gone, a dangling link) keeps its text.
   */
  private static String samePath(String f) {
    try {
      return Path.of(f).toRealPath().toString();
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return f;
    }
  }

  static List<String> expandOne(String pattern) {
    return expandOne(pattern, false, null);
  }

  static List<String> expandOne(String pattern, boolean danglingLinks, Sizer sizer) {
    int glob = firstGlobChar(pattern);
    if (glob < 0) {
      Path p = Path.of(pattern);
      if (Files.isRegularFile(p) || danglingLinks && dangling(p)) {
        return sized(List.of(p.toString()), sizer);
      }
      if (Files.isDirectory(p)) return walk(p, danglingLinks, sizer);
      return List.of();
    }
    int slash = pattern.lastIndexOf('/', glob);
    Path base = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : pattern.substring(0, slash));
    if (!Files.isDirectory(base)) return List.of();
    String rest = pattern.substring(slash + 1);
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    List<String> files = new ArrayList<>();
    for (String f : walk(base, danglingLinks, null)) {
      Path rel = base.relativize(Path.of(f));
      if (m.matches(rel)) files.add(slash < 0 ? rel.toString() : f);
    }
    return sized(files, sizer);
  }

  /**
   * {@code files}, or null once {@code sizer} (if any) stops on one of them. A file that cannot be sized (gone, a
   * dangling link, a name the JVM cannot encode back) counts 0: the reader makes it a dead letter.
   */
  public static List<String> sized(List<String> files, Sizer sizer) {
    if (sizer == null) return files;
    for (String f : files) {
      long bytes;
      try {
        bytes = Files.size(Path.of(f));
      } catch (IOException | java.nio.file.InvalidPathException e) {
        bytes = 0; // gone, or a dangling link: read as a dead letter
      }
      if (sizer.add(f, bytes)) return null;
    }
    return files;
  }

  /**
   * The files under {@code dir}, sorted. Symbolic links to folders are followed (a data folder assembled from links
   * is common); a link that leads back into a folder being walked is not entered again (it would never end).
   */
  private static List<String> walk(Path dir, boolean danglingLinks, Sizer sizer) {
    List<String> out = new ArrayList<>();
    boolean[] stopped = {false};
    try {
      Files.walkFileTree(
          dir,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              // the folders above d were checked when they were entered: only its own name is left
              return d.equals(dir) || !hidden(d.getFileName())
                  ? FileVisitResult.CONTINUE
                  : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              // a link whose target is missing arrives with the link's own attributes
              boolean listed = attrs.isRegularFile() || danglingLinks && dangling(f);
              if (!listed || hidden(f.getFileName())) return FileVisitResult.CONTINUE;
              String file = f.toString();
              out.add(file);
              if (sizer != null && sizer.add(file, attrs.isRegularFile() ? attrs.size() : 0)) {
                stopped[0] = true;
                return FileVisitResult.TERMINATE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
              if (e instanceof FileSystemLoopException) return FileVisitResult.CONTINUE;
              throw e;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (stopped[0]) return null;
    out.sort(null);
    return out;
  }

  private static boolean dangling(Path p) {
    return Files.isSymbolicLink(p) && !Files.exists(p);
  }

  /** A name starting with '.' (the walk skips hidden folders, so a file's own name is all it checks). */
  private static boolean hidden(Path name) {
    return name != null && name.toString().startsWith(".");
  }

  /**
   * The folder an input pattern's files are named relative to: the directory itself, a glob's folder before its
   * first wildcard, a file's parent (absolute, normalised).
   */
  public static Path base(String pattern) {
    int glob = firstGlobChar(pattern);
    Path b;
    if (glob < 0) {
      b = Path.of(pattern).toAbsolutePath().normalize();
      if (!Files.isDirectory(b) && b.getParent() != null) b = b.getParent();
    } else {
      int slash = pattern.lastIndexOf('/', glob);
      b = Path.of(slash < 0 ? "." : slash == 0 ? "/" : pattern.substring(0, slash));
      b = b.toAbsolutePath().normalize();
    }
    return b;
  }

  private static int firstGlobChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') return i;
    }
    return -1;
  }
}
