package dev.sluice.pipelines.io;

import dev.sluice.core.config.Config;
import dev.sluice.core.config.DidYouMean;
import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where images come from. {@code format}: {@code image_folder} (every regular file under the one directory
 * {@code path} is one record; hidden files and folders are skipped; id = the path relative to it, '/'-separated),
 * {@code webdataset} (tar shards: the members of one sample share a key; {@code key.jpg|png|...} is the image,
 * {@code key.cls} or {@code key.json}'s "label" its label) or {@code image_parquet} (a binary {@code image_column},
 * or a struct with a {@code bytes} field as Hugging Face datasets writes images; optional {@code label_column} and
 * {@code id_column}, else the id is PATH#ROW). {@code label}: parent (image_folder's default: the parent folder's
 * name), member (webdataset's default), column (image_parquet's default) or none. {@code decode} is the decoder's
 * settings (max_pixels, exif_orientation). image_folder may narrow the walk with {@code include} / {@code exclude}
 * globs on the relative path (default: every file).
 */
public record ImageInput(
    String format,
    List<String> paths,
    String label,
    String imageColumn,
    String labelColumn,
    String idColumn,
    Map<String, Object> decode,
    List<String> include,
    List<String> exclude)
    implements Serializable {
  public static final String FOLDER = "image_folder";
  public static final String WEBDATASET = "webdataset";
  public static final String PARQUET = "image_parquet";
  public static final List<String> FORMATS = List.of(FOLDER, WEBDATASET, PARQUET);

  public static ImageInput from(Map<String, Object> section) {
    if (section == null)
      throw new Config.ConfigException("input", null, "a mapping with 'format' and 'path'");
    Config c =
        Config.of("input", section)
            .allowOnly(
                "format",
                "path",
                "label",
                "decode",
                "image_column",
                "label_column",
                "id_column",
                "include",
                "exclude");
    String format = c.getString("format", null);
    if (!FORMATS.contains(format)) {
      throw new Config.ConfigException(
          "input.format",
          format,
          "one of " + FORMATS + DidYouMean.hint(String.valueOf(format), FORMATS));
    }
    List<String> paths = c.getStringList("path", List.of());
    if (paths.isEmpty()) {
      throw new Config.ConfigException(
          "input.path",
          null,
          format.equals(FOLDER) ? "a directory" : "a glob, a directory or a list of them");
    }
    if (format.equals(FOLDER) && (paths.size() != 1 || !Files.isDirectory(Path.of(paths.get(0))))) {
      throw new Config.ConfigException(
          "input.path",
          paths.size() == 1 ? paths.get(0) : paths,
          "one existing directory (image_folder: every file under it is one image)");
    }
    String dflt =
        switch (format) {
          case FOLDER -> "parent";
          case WEBDATASET -> "member";
          default -> "column";
        };
    String label = c.getChoice("label", dflt, dflt, "none");
    for (String k : List.of("image_column", "label_column", "id_column")) {
      if (c.has(k) && !format.equals(PARQUET)) {
        throw new Config.ConfigException(
            "input." + k, section.get(k), "no " + k + " (only with image_parquet)");
      }
    }
    Map<String, Object> decode = c.getSection("decode");
    return new ImageInput(
        format,
        paths,
        label,
        c.getString("image_column", "image"),
        c.getString("label_column", "label"),
        c.getString("id_column", "id"),
        decode == null ? new LinkedHashMap<>() : new LinkedHashMap<>(decode),
        globs(c, "include", List.of("**")),
        globs(c, "exclude", List.of()));
  }

  private static List<String> globs(Config c, String key, List<String> dflt) {
    List<String> g = c.getStringList(key, dflt);
    for (String p : g) {
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + p);
      } catch (IllegalArgumentException e) {
        throw new Config.ConfigException("input." + key, p, "a glob (" + e.getMessage() + ")");
      }
    }
    return List.copyOf(g);
  }

  /**
   * A file's path relative to the folder all the input paths share ('/'-separated): the default id of a Parquet
   * row is this and its row number, so that {@code a/train.parquet} and {@code b/train.parquet} do not collide
   * (their file names did), whether they come from one directory, a {@code **} glob or two paths. A single file
   * or a glob over one folder gives the file's own name, as before.
   */
  public String relativeName(String file) {
    Path f = Path.of(file).toAbsolutePath().normalize();
    Path common = null;
    for (String p : paths) {
      Path base = InputFiles.base(p);
      if (common == null) common = base;
      while (common != null && !base.startsWith(common)) common = common.getParent();
    }
    if (common != null && f.startsWith(common) && !f.equals(common)) {
      return ImageReader.relativeId(common.relativize(f));
    }
    return f.getFileName().toString();
  }

  /**
   * The input files: every regular file under the paths (sorted; hidden files and folders skipped), and for
   * image_folder only those whose path relative to the folder matches an {@code include} glob (default: all) and
   * no {@code exclude} glob.
   */
  public List<String> files() {
    return files(null);
  }

  /**
   * As {@link #files()}, each file kept also counted by {@code sizer} (when not null) as the listing finds it;
   * null when the sizer stopped the listing.
   */
  public List<String> files(InputFiles.Sizer sizer) {
    // the default include with no exclude keeps every file: no path to match
    if (!format.equals(FOLDER) || include.equals(List.of("**")) && exclude.isEmpty()) {
      return InputFiles.expand(paths, format.equals(FOLDER), sizer);
    }
    Path root = Path.of(paths.get(0)).toAbsolutePath().normalize();
    // the default include takes every file without matching
    List<PathMatcher> in = include.equals(List.of("**")) ? null : matchers(include);
    List<PathMatcher> out = matchers(exclude);
    Predicate<String> keep =
        f -> {
          Path rel = matchable(root.relativize(Path.of(f).toAbsolutePath().normalize()));
          return (in == null || in.stream().anyMatch(m -> m.matches(rel)))
              && out.stream().noneMatch(m -> m.matches(rel));
        };
    // each file is matched once, as it is listed; the sizer (if any) counts the kept ones only
    Set<String> matched = new HashSet<>();
    List<String> all =
        InputFiles.expand(
            paths,
            true,
            (f, bytes) -> keep.test(f) && matched.add(f) && sizer != null && sizer.add(f, bytes));
    if (all == null) return null;
    List<String> kept = new ArrayList<>(matched.size());
    for (String f : all) if (matched.contains(f)) kept.add(f);
    if (kept.isEmpty()) {
      throw new Config.ConfigException(
          "input.include", include, "globs that match at least one file under " + paths.get(0));
    }
    return kept;
  }

  /**
   * The path with its line breaks replaced by U+0001 for matching: a glob's "**" is the regex ".*", which stops at
   * a line break, so {@code **.jpg} missed a name holding one (and no glob names a line break).
   */
  static Path matchable(Path rel) {
    String s = rel.toString();
    return LINE_BREAK.matcher(s).find() ? Path.of(LINE_BREAK.matcher(s).replaceAll("\u0001")) : rel;
  }

  private static final java.util.regex.Pattern LINE_BREAK =
      java.util.regex.Pattern.compile("[\\n\\r\\u0085\\u2028\\u2029]");

  private static List<PathMatcher> matchers(List<String> globs) {
    List<PathMatcher> m = new ArrayList<>();
    for (String g : globs) m.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
    return m;
  }

  public boolean labels() {
    return !label.equals("none");
  }
}
