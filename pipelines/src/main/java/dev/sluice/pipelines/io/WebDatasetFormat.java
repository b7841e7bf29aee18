package dev.sluice.pipelines.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.ImageDoc;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * WebDataset tar shards: a sample is the run of adjacent members sharing a key (the member's path up to the first
 * '.' of its file name); its image is the member with an image extension (the first, in tar order, when there are
 * several), its label the text of {@code key.cls} or the "label" of {@code key.json} (null when the sample has
 * neither). The id is the key; the location names the image member ({@code member KEY.EXT}). A sample
 * without an image is a dead letter ({@code read.no_image}) naming the key; a tar that ends early keeps the samples
 * before and dead-letters the member it was reading.
 */
final class WebDatasetFormat {
  static final Set<String> IMAGE_EXTENSIONS =
      Set.of(
          "jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "webp", "tif", "tiff", "ppm", "pgm",
          "pbm", "pnm", "pam");
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebDatasetFormat() {}

  static void read(
      String file,
      ImageInput input,
      ImageReader.Position at,
      Consumer<ImageDoc> images,
      Consumer<DeadLetter> dead)
      throws IOException {
    try (BufferedInputStream raw =
            gunzipped(new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16));
        CheckedTar tar = new CheckedTar(raw)) {
      notATar(raw);
      String key = null;
      TreeMap<String, byte[]> members = new TreeMap<>();
      String firstImage = null; // its extension lower-cased, the key of members
      String firstImageName = null; // its extension as the member names it, for the location
      List<String> links =
          new ArrayList<>(); // the sample's link members, as "name -> target (kind)"
      long sample = 0;
      TarArchiveEntry e;
      String last = null;
      while ((e = tar.getNextEntry()) != null) {
        if (!e.isCheckSumOK()) {
          // commons-compress returns a damaged header as an entry; its name and size cannot be
          // trusted, so reading stops here (as Python's tarfile does), after the sample before it
          if (key != null)
            emit(
                file, input, key, sample, members, firstImage, firstImageName, links, images, dead);
          at.at(
              last == null ? "the first member's header" : "the header after member " + last,
              sample + 1);
          throw new IOException("a member header fails its checksum (the tar is corrupt)");
        }
        boolean link = e.isLink() || e.isSymbolicLink();
        if (!e.isFile() && !link) continue;
        String name = memberName(e.getName());
        if (macMetadata(name)) continue;
        last = name;
        int slash = name.lastIndexOf('/');
        int dot = name.indexOf('.', slash + 1);
        String k = dot < 0 ? name : name.substring(0, dot);
        String asNamed = dot < 0 ? "" : name.substring(dot + 1);
        String ext = asNamed.toLowerCase(Locale.ROOT);
        if (key != null && !k.equals(key)) {
          emit(file, input, key, sample, members, firstImage, firstImageName, links, images, dead);
          members.clear();
          links.clear();
          firstImage = null;
        }
        if (!k.equals(key)) sample++;
        key = k;
        at.at("member " + name, sample);
        if (link) {
          // a link member has no bytes of its own (commons-compress counts it as a file of 0 bytes)
          links.add(
              name + " -> " + e.getLinkName() + (e.isLink() ? " (hard link)" : " (symbolic link)"));
          continue;
        }
        // a second member with the same extension (or the same one in other case) does not replace
        // the first: the sample's image is the first in tar order
        members.putIfAbsent(ext, tar.readAllBytes());
        if (firstImage == null && IMAGE_EXTENSIONS.contains(ext)) {
          firstImage = ext;
          firstImageName = asNamed;
        }
      }
      if (tar.cut) {
        // the stream ended inside the headers: no end-of-archive blocks, the samples after this one
        // are lost
        throw new java.io.EOFException(
            "the tar ends without its end-of-archive blocks (truncated)"
                + (key == null ? "" : " after sample '" + key + "'"));
      }
      if (key != null) {
        at.at("member " + key, sample);
        emit(file, input, key, sample, members, firstImage, firstImageName, links, images, dead);
      }
      // a gzipped shard's last trailer (the CRC and length of what was read) is checked only when
      // the stream is read to its end
      at.at("the end of the file, after the last sample", sample + 1);
      raw.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  /**
   * A member's name from the ISO-8859-1 reading of its header bytes: the bytes decoded as UTF-8 when they are
   * UTF-8 (what tar writers store), else the ISO-8859-1 reading itself (a Latin-1 tar reads right, and names that
   * are neither stay as distinct as their bytes). A name with a character above U+00FF came from a PAX header,
   * which is always UTF-8 and already decoded.
   */
  static String memberName(String latin1) {
    for (int i = 0; i < latin1.length(); i++) if (latin1.charAt(i) > 0xFF) return latin1;
    String utf8 = ImageParquetFormat.utf8(latin1.getBytes(StandardCharsets.ISO_8859_1));
    return utf8 != null ? utf8 : latin1;
  }

  /**
   * The metadata macOS adds to a tar it writes (AppleDouble {@code ._NAME} files, a {@code __MACOSX/} folder):
   * skipped as hidden files are in a folder; read, each made a sample without an image.
   */
  static boolean macMetadata(String name) {
    return name.substring(name.lastIndexOf('/') + 1).startsWith("._")
        || name.startsWith("__MACOSX/")
        || name.contains("/__MACOSX/");
  }

  /** A gzipped tar (.tar.gz, .tgz: WebDataset allows them) as the tar, known by gzip's first two bytes. */
  private static BufferedInputStream gunzipped(BufferedInputStream in) throws IOException {
    in.mark(2);
    int a = in.read(), b = in.read();
    in.reset();
    if (a != 0x1F || b != 0x8B) return in;
    try {
      return new BufferedInputStream(new GzipMembers(in), 1 << 16);
    } catch (IOException | RuntimeException e) {
      in.close(); // a damaged gzip header: the file is not left open
      throw e;
    }
  }

  /**
   * Refuses a stream shorter than one tar header (512 bytes) without ustar's magic as not a tar
   * ({@code corrupt_file}): the tar reader called it a truncated tar, whatever the file held.
   */
  private static void notATar(BufferedInputStream in) throws IOException {
    in.mark(512);
    byte[] head = in.readNBytes(512);
    in.reset();
    if (head.length >= 512) return;
    boolean ustar =
        head.length >= 262 && new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar");
    if (!ustar) {
      throw new IOException(
          "only "
              + head.length
              + " bytes, fewer than one tar header (512), and no tar magic: not a tar");
    }
  }

  /**
   * Tells a tar cut at a block boundary from a complete one: commons-compress ends both quietly, but only the
   * complete one ends with its zero end-of-archive block.
   */
  static final class CheckedTar extends TarArchiveInputStream {
    boolean cut;
    private boolean ended;

    CheckedTar(InputStream in) {
      // ISO-8859-1 keeps every byte of a name (memberName decodes it); the platform default was
      // US-ASCII under LANG=C on JDK 17, and UTF-8 turns bytes that are not UTF-8 into '?': either
      // way distinct names became one and their samples merged
      super(in, "ISO-8859-1");
    }

    @Override
    protected byte[] readRecord() throws IOException {
      byte[] r = super.readRecord();
      if (r == null && !ended) cut = true;
      else if (r != null && isEOFRecord(r)) ended = true;
      return r;
    }
  }

  private static void emit(
      String file,
      ImageInput input,
      String key,
      long sample,
      TreeMap<String, byte[]> members,
      String image,
      String imageAsNamed,
      List<String> links,
      Consumer<ImageDoc> images,
      Consumer<DeadLetter> dead) {
    String location = "member " + key;
    if (!links.isEmpty()) {
      // WebDataset's own reader skips links; taking the sample without them could drop its image or
      // its label without a record
      dead.accept(
          DeadLetter.of(
              FileReader.STAGE,
              "link_member",
              "sample '"
                  + key
                  + "' has link members, which a tar stream cannot follow: "
                  + String.join(", ", links)
                  + "; store the files themselves",
              file,
              location,
              sample,
              (byte[]) null));
      return;
    }
    if (image == null) {
      dead.accept(
          DeadLetter.of(
              FileReader.STAGE,
              "no_image",
              "sample '" + key + "' has no image member; its members: " + members.keySet(),
              file,
              location,
              sample,
              (byte[]) null));
      return;
    }
    String label = null;
    if (input.labels()) {
      if (members.containsKey("cls")) {
        // as Parquet's binary labels: UTF-8, or 0x and hex when the bytes are not (they became
        // U+FFFD)
        label = ImageParquetFormat.text(members.get("cls")).trim();
      } else if (members.containsKey("json")) {
        try {
          JsonNode l = JSON.readTree(members.get("json")).get("label");
          if (l != null && !l.isNull()) label = l.isTextual() ? l.textValue() : l.toString();
        } catch (IOException bad) {
          dead.accept(
              DeadLetter.of(
                  FileReader.STAGE,
                  "bad_json",
                  "sample '" + key + "': " + key + ".json is not JSON: " + bad.getMessage(),
                  file,
                  location,
                  sample,
                  members.get("json")));
          return;
        }
      }
    }
    // the location names the image member with its extension, so that decoding checks it against
    // the bytes
    // (wrong_extension) as it does a file's name
    images.accept(
        ImageDoc.read(key, label, file, location + "." + imageAsNamed, sample, members.get(image)));
  }
}
