package dev.sluice.core.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files that appear whole or not at all: written under a hidden temporary name, then renamed. */
public final class AtomicFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AtomicFiles() {}

  public static void write(Path target, String content) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = parent.resolve("." + target.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** For DoFns: the value as compact JSON, failures as unchecked (the bundle fails and is retried). */
  public static void writeJson(String target, Object value) {
    try {
      write(Path.of(target), JSON.writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
