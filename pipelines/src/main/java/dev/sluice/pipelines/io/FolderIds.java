package dev.sluice.pipelines.io;

import java.nio.file.Path;

/**
 * The id of an image_folder file: its path relative to the folder, names joined by '/' ({@link
 * ImageReader#relativeId}). The listing ({@link InputFiles}) names every file as the folder's path as {@code
 * Path.of} spells it (no trailing '/', no doubled one), a '/' and the names the walk found below it, so that tail
 * is the id as it stands: taken from the string, without the
 * two path parses, an absolute path and a normalisation per file that were ~1 us of a 28x28 image's read. Any
 * other spelling (a '.' or '..' name, a doubled '/', a path from elsewhere) goes the long way.
 */
final class FolderIds {
  private final Path root;
  private final String prefix;

  FolderIds(String folder) {
    this.root = Path.of(folder).toAbsolutePath().normalize();
    String listed = Path.of(folder).toString();
    this.prefix = listed.endsWith("/") ? listed : listed + "/";
  }

  /** The file's id; IllegalArgumentException for a path the JVM cannot parse. */
  String of(String file) {
    if (file.startsWith(prefix) && plainNames(file, prefix.length())) {
      return file.substring(prefix.length());
    }
    return ImageReader.relativeId(root.relativize(Path.of(file).toAbsolutePath().normalize()));
  }

  /** Whether {@code s} from {@code from} on is names joined by single '/': none empty, ".", ".." or with a NUL. */
  static boolean plainNames(String s, int from) {
    int start = from;
    for (int i = from; i <= s.length(); i++) {
      if (i < s.length()) {
        char c = s.charAt(i);
        if (c == 0) return false;
        if (c != '/') continue;
      }
      int len = i - start;
      if (len == 0
          || len == 1 && s.charAt(start) == '.'
          || len == 2 && s.charAt(start) == '.' && s.charAt(start + 1) == '.') {
        return false;
      }
      start = i + 1;
    }
    return true;
  }
}
