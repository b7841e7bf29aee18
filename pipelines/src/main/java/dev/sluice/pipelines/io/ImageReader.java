package dev.sluice.pipelines.io;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.ImageDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads one input file of an image recipe into image records and dead letters. image_folder: the file is one image
 * (its bytes go to the decoder as they are, so an empty or broken file is the decoder's dead letter, with its
 * reason). webdataset and image_parquet: a missing or empty file is one read dead letter ({@link
 * FileReader#usable}); a file that fails part-way keeps the records before the failure and dead-letters the rest
 * with where it stopped.
 */
public final class ImageReader {
  private final ImageInput input;
  private final FolderIds ids;

  public ImageReader(ImageInput input) {
    this.input = input;
    this.ids =
        input.format().equals(ImageInput.FOLDER) ? new FolderIds(input.paths().get(0)) : null;
  }

  /** Where a failing reader stood: the location and position of the record it was reading, or the file. */
  public static final class Position {
    String location = "file";
    long pos;
    long records;

    void at(String loc, long p) {
      location = loc;
      pos = p;
    }
  }

  public void read(String file, Consumer<ImageDoc> images, Consumer<DeadLetter> dead) {
    switch (input.format()) {
      case ImageInput.FOLDER -> folderFile(file, images, dead);
      default -> {
        if (!FileReader.usable(file, dead)) return;
        Position at = new Position();
        Consumer<ImageDoc> counted =
            d -> {
              at.records++;
              images.accept(d);
            };
        Consumer<DeadLetter> countedDead =
            d -> {
              at.records++;
              dead.accept(d);
            };
        try {
          if (input.format().equals(ImageInput.WEBDATASET))
            WebDatasetFormat.read(file, input, at, counted, countedDead);
          else ImageParquetFormat.read(file, input, at, counted, countedDead);
        } catch (IOException | RuntimeException e) {
          String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
          boolean truncated =
              e instanceof java.io.EOFException || m.contains("truncated") || m.contains("end of");
          dead.accept(
              DeadLetter.of(
                  FileReader.STAGE,
                  truncated ? "truncated_file" : "corrupt_file",
                  String.format(
                      Locale.ROOT,
                      "reading stopped at %s: %s; the %d records before it were kept",
                      at.location,
                      e.getMessage(),
                      at.records),
                  file,
                  at.location,
                  at.pos,
                  (byte[]) null));
          return;
        }
        if (at.records == 0) {
          dead.accept(
              DeadLetter.of(
                  FileReader.STAGE,
                  "empty_file",
                  "the file holds no images",
                  file,
                  "file",
                  0,
                  (byte[]) null));
        }
      }
    }
  }

  private void folderFile(String file, Consumer<ImageDoc> images, Consumer<DeadLetter> dead) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(Path.of(file));
    } catch (IOException | InvalidPathException e) {
      dead.accept(
          DeadLetter.of(
              FileReader.STAGE,
              "unreadable_file",
              FileReader.unreadable(file, e),
              file,
              "file",
              0,
              (byte[]) null));
      return;
    }
    String id = ids.of(file);
    int slash = id.lastIndexOf('/');
    String label = null;
    if (input.labels() && slash > 0)
      label = id.substring(id.lastIndexOf('/', slash - 1) + 1, slash);
    images.accept(ImageDoc.read(id, label, file, "file", 0, bytes));
  }

  /**
   * Whether the listing alone shows that every record has its own id, so that the duplicate-id check has nothing
   * to find: image_folder, where a file is one record whose id is its path under the folder, and no two of these
   * files give the same id. False for the other formats, whose ids are inside the files.
   */
  public static boolean idsUniqueByListing(ImageInput input, List<String> files) {
    if (!input.format().equals(ImageInput.FOLDER)) return false;
    FolderIds folder = new FolderIds(input.paths().get(0));
    Set<String> ids = new HashSet<>(files.size() * 2);
    try {
      for (String file : files) if (!ids.add(folder.of(file))) return false;
    } catch (IllegalArgumentException e) {
      return false; // an invalid path (a dead letter when read): the check stays on
    }
    return true;
  }

  /** The names of a relative path joined by '/' (a backslash is part of a name on Unix, not a separator). */
  static String relativeId(Path rel) {
    StringBuilder id = new StringBuilder();
    for (Path name : rel) {
      if (id.length() > 0) id.append('/');
      id.append(name);
    }
    return id.toString();
  }
}
