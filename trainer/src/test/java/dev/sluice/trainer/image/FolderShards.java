package dev.sluice.trainer.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A measuring aid, not the pipeline: writes an image folder tree (label = parent folder) as one Image.avsc shard
 * run directory, so the trainer can be timed without the Beam image pipeline. {@code FolderShards DIR OUT}
 */
public final class FolderShards {
  private FolderShards() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    List<TestImages.Img> imgs = new java.util.ArrayList<>();
    for (Path f : files) {
      imgs.add(
          new TestImages.Img(
              dir.relativize(f).toString(),
              Files.readAllBytes(f),
              f.getParent().getFileName().toString(),
              null));
    }
    TestImages.write(Path.of(args[1]), imgs);
    System.out.println(args[1] + ": " + imgs.size() + " images");
  }
}
