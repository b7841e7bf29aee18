package dev.sluice.core.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.cli.UsageException;
import dev.sluice.schemas.Manifest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A finished run directory, read through its contract (DESIGN.md): manifest.json written last, then the files it
 * lists under shards/, removed/ and dead-letters/, and the report. The one reader for every verb that consumes
 * runs (trainer, report, scaling): {@link #open} refuses a directory without a manifest (unfinished or foreign)
 * and a listed shard that is missing or has another size than the manifest says (removed/ and dead-letters/
 * files are checked the same way when they are asked for, so a copy of a run's shards and manifest can be
 * trained on). Shard rows are read by the caller with its own Parquet reader; this class holds no Parquet code.
 */
public final class RunDir {
  public static final String MANIFEST = "manifest.json";
  public static final String SHARDS = "shards";
  public static final String REMOVED = "removed";
  public static final String DEAD_LETTERS = "dead-letters";
  public static final String REPORT_JSON = "report.json";
  public static final String REPORT_HTML = "report.html";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path root;
  private final Manifest manifest;

  private RunDir(Path root, Manifest manifest) {
    this.root = root;
    this.manifest = manifest;
  }

  /** A run directory that a user named and is not a usable run: the message names the path and the problem. */
  public static final class NotARunException extends UsageException {
    private static final long serialVersionUID = 1L;

    public NotARunException(String message) {
      super(message);
    }
  }

  /** One file the manifest lists, resolved against the run directory. */
  public record File(Path path, long rows, long bytes, String sha256) {}

  /** One line of dead-letters/: a record that could not be processed, with its raw bytes (truncated at 4 KiB). */
  public record DeadLetter(
      String stage,
      String reason,
      String detail,
      String source,
      String location,
      String raw,
      String raw_base64,
      boolean raw_truncated) {}

  public static RunDir open(Path dir) {
    Path file = dir.resolve(MANIFEST);
    Manifest m;
    try {
      m = JSON.readValue(file.toFile(), Manifest.class);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new NotARunException(
          file
              + ": no manifest; is "
              + dir
              + " a finished Sluice run directory (bin/sluice run ... writes manifest.json last)?");
    } catch (IOException e) {
      throw new NotARunException(
          file + ": unreadable manifest: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (m.shards() == null) throw new NotARunException(file + ": has no \"shards\" list");
    RunDir run = new RunDir(dir, m);
    run.shards(); // removed/ and dead-letters/ are checked when asked for: a copy of the shards
    // alone is a run
    return run;
  }

  public Path root() {
    return root;
  }

  public Manifest manifest() {
    return manifest;
  }

  /** The kept documents' shards, in manifest order, each checked to exist with the size the manifest gives. */
  public List<File> shards() {
    return resolve(manifest.shards(), "shard");
  }

  public List<File> removed() {
    return resolve(manifest.removed(), "removed-rows file");
  }

  public List<File> deadLetters() {
    return resolve(manifest.dead_letters(), "dead-letter file");
  }

  public Path reportJson() {
    return root.resolve(REPORT_JSON);
  }

  public Path reportHtml() {
    return root.resolve(REPORT_HTML);
  }

  /** Every dead letter of the run, file by file in manifest order. */
  public List<DeadLetter> readDeadLetters() {
    List<DeadLetter> out = new ArrayList<>();
    for (File f : deadLetters()) {
      try (BufferedReader r = Files.newBufferedReader(f.path(), StandardCharsets.UTF_8)) {
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
          n++;
          if (line.isBlank()) continue;
          try {
            out.add(JSON.readValue(line, DeadLetter.class));
          } catch (IOException e) {
            throw new NotARunException(
                f.path()
                    + " line "
                    + n
                    + ": not a dead letter: "
                    + e.getMessage().lines().findFirst().orElse(""));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Recomputes each listed file's sha256; a mismatch is a {@link NotARunException} naming the file. */
  public void verifyChecksums() {
    List<File> all = new ArrayList<>(shards());
    all.addAll(removed());
    all.addAll(deadLetters());
    for (File f : all) {
      if (f.sha256() == null) continue;
      String actual = sha256(f.path());
      if (!actual.equals(f.sha256())) {
        throw new NotARunException(
            f.path()
                + ": sha256 "
                + actual
                + " but the manifest says "
                + f.sha256()
                + " (changed after the run?)");
      }
    }
  }

  public static String sha256(Path file) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<File> resolve(List<Manifest.FileEntry> entries, String what) {
    if (entries == null) return List.of();
    List<File> out = new ArrayList<>();
    for (Manifest.FileEntry e : entries) {
      if (e.path() == null || e.path().isEmpty()) {
        throw new NotARunException(root.resolve(MANIFEST) + ": a " + what + " entry has no path");
      }
      Path p = root.resolve(e.path()).normalize();
      if (!p.startsWith(root.normalize())) {
        throw new NotARunException(
            root.resolve(MANIFEST) + ": " + what + " " + e.path() + " is outside the run");
      }
      if (!Files.isRegularFile(p))
        throw new NotARunException(p + ": " + what + " listed in the manifest is missing");
      try {
        long actual = Files.size(p);
        if (e.bytes() >= 0 && actual != e.bytes()) {
          throw new NotARunException(
              p
                  + ": "
                  + what
                  + " is "
                  + actual
                  + " bytes but the manifest says "
                  + e.bytes()
                  + " (truncated or replaced after the run?)");
        }
      } catch (IOException x) {
        throw new NotARunException(p + ": unreadable " + what + ": " + x.getMessage());
      }
      out.add(new File(p, e.rows(), e.bytes(), e.sha256()));
    }
    return List.copyOf(out);
  }
}
