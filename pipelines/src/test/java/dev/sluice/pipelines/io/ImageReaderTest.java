package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.ImageDoc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebDataset tars and image Parquet read into image records and dead letters, with labels and ids. */
class ImageReaderTest {
  static final Path PHOTOS =
      Path.of(System.getProperty("sluice.root", "..")).resolve("samples/images/photos");
  @TempDir Path dir;
  final List<ImageDoc> images = new ArrayList<>();
  final List<DeadLetter> dead = new ArrayList<>();

  static byte[] horse() throws IOException {
    return Files.readAllBytes(PHOTOS.resolve("skimage-horse.png"));
  }

  static byte[] tar(Map<String, byte[]> members) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(m.getKey());
        e.setSize(m.getValue().length);
        t.putArchiveEntry(e);
        t.write(m.getValue());
        t.closeArchiveEntry();
      }
    }
    return b.toByteArray();
  }

  Map<String, byte[]> samples() throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("shard/a.png", horse());
    m.put("shard/a.cls", "3\n".getBytes(StandardCharsets.UTF_8));
    m.put("shard/b.json", "{\"label\": \"cat\"}".getBytes(StandardCharsets.UTF_8));
    m.put("shard/b.png", horse());
    m.put("shard/c.txt", "no image here".getBytes(StandardCharsets.UTF_8));
    m.put("shard/d.png", horse());
    return m;
  }

  void read(ImageInput in, Path file) {
    new ImageReader(in).read(file.toString(), images::add, dead::add);
  }

  static ImageInput input(String format, Path path) {
    return ImageInput.from(new LinkedHashMap<>(Map.of("format", format, "path", path.toString())));
  }

  @Test
  void webDatasetSamplesWithLabelsAndAMemberWithoutImage() throws IOException {
    Path f = Files.write(dir.resolve("00000.tar"), tar(samples()));
    read(input("webdataset", f), f);
    assertEquals(
        List.of("shard/a", "shard/b", "shard/d"), images.stream().map(ImageDoc::id).toList());
    assertEquals(Arrays.asList("3", "cat", null), images.stream().map(ImageDoc::label).toList());
    assertArrayEquals(horse(), images.get(0).bytes());
    assertEquals("member shard/b.png", images.get(1).location());
    assertEquals("shard/b.png", images.get(1).claimedName());
    assertEquals(1, dead.size());
    assertEquals("no_image", dead.get(0).reason());
    assertEquals("member shard/c", dead.get(0).location());
    assertEquals(f.toString(), dead.get(0).source());
  }

  @Test
  void aGzippedShardIsReadAndTheFirstOfTwoImagesOfOneKeyIsTheSample() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
      for (Object[] m :
          new Object[][] {
            {"k1.png", horse()},
            {"k1.PNG", "GARBAGE-SECOND-MEMBER".getBytes(StandardCharsets.UTF_8)},
            {"k1.cls", "7".getBytes(StandardCharsets.UTF_8)}
          }) {
        TarArchiveEntry e = new TarArchiveEntry((String) m[0]);
        e.setSize(((byte[]) m[1]).length);
        t.putArchiveEntry(e);
        t.write((byte[]) m[1]);
        t.closeArchiveEntry();
      }
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(gz)) {
      g.write(b.toByteArray());
    }
    Path f = Files.write(dir.resolve("00000.tar.gz"), gz.toByteArray());
    read(input("webdataset", f), f);
    assertEquals(List.of(), dead);
    assertEquals(List.of("k1"), images.stream().map(ImageDoc::id).toList());
    assertArrayEquals(horse(), images.get(0).bytes());
    assertEquals("7", images.get(0).label());
  }

  @Test
  void aSampleWithALinkMemberIsADeadLetterNotAnEmptyFile() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
      TarArchiveEntry a = new TarArchiveEntry("a.png");
      a.setSize(horse().length);
      t.putArchiveEntry(a);
      t.write(horse());
      t.closeArchiveEntry();
      // b.png: a hard link to a.png (tar -h, or two names for one file); c.png: a symbolic link
      for (Object[] l :
          new Object[][] {
            {"b.png", TarArchiveEntry.LF_LINK}, {"c.png", TarArchiveEntry.LF_SYMLINK}
          }) {
        TarArchiveEntry e = new TarArchiveEntry((String) l[0], (byte) l[1]);
        e.setLinkName("a.png");
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
      }
    }
    Path f = Files.write(dir.resolve("links.tar"), b.toByteArray());
    read(input("webdataset", f), f);
    assertEquals(List.of("a"), images.stream().map(ImageDoc::id).toList());
    // both were read as 0-byte images and dead-lettered as empty_file
    assertEquals(
        List.of("link_member", "link_member"), dead.stream().map(DeadLetter::reason).toList());
    assertTrue(dead.get(0).detail().contains("b.png -> a.png (hard link)"), dead.get(0).detail());
    assertTrue(
        dead.get(1).detail().contains("c.png -> a.png (symbolic link)"), dead.get(1).detail());
  }

  @Test
  void jfifMembersAreImagesMacMetadataIsSkippedAndTheGzipTrailerIsChecked() throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("k1.jfif", horse());
    m.put("._k1.jfif", "AppleDouble".getBytes(StandardCharsets.UTF_8));
    m.put("__MACOSX/k2.png", "resource fork".getBytes(StandardCharsets.UTF_8));
    m.put("k3.jpe", horse());
    m.put("k3.cls", new byte[] {'c', (byte) 0xE9}); // Latin-1 "cé": not UTF-8
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(gz)) {
      g.write(tar(m));
      // bytes after the tar's end-of-archive blocks (tar readers stop there): the gzip trailer lies
      // past them, beyond any read-ahead
      byte[] after = new byte[300_000];
      new java.util.Random(1).nextBytes(after);
      g.write(after);
    }
    Path ok = Files.write(dir.resolve("ok.tar.gz"), gz.toByteArray());
    read(input("webdataset", ok), ok);
    // a .jfif or .jpe member was no image (read.no_image), and each mac file a sample of its own
    assertEquals(List.of("k1", "k3"), images.stream().map(ImageDoc::id).toList());
    assertEquals(List.of(), dead);
    assertEquals("0x63e9", images.get(1).label(), "a label that is not UTF-8 was 'c\uFFFD'");
    // the trailer's CRC damaged: the samples are kept, and the damage is a dead letter (it was
    // never read: the tar ends before the gzip stream does)
    byte[] bad = gz.toByteArray();
    bad[bad.length - 8] ^= 0x55;
    Path f = Files.write(dir.resolve("bad.tar.gz"), bad);
    images.clear();
    read(input("webdataset", f), f);
    assertEquals(List.of("k1", "k3"), images.stream().map(ImageDoc::id).toList());
    assertEquals(1, dead.size(), dead.toString());
    assertEquals("corrupt_file", dead.get(0).reason());
    assertEquals("the end of the file, after the last sample", dead.get(0).location());
    assertTrue(dead.get(0).detail().contains("Corrupt GZIP trailer"), dead.get(0).detail());
  }

  @Test
  void memberNamesInUtf8Latin1OrPaxAreReadAndNeverMerge() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(b, "ISO-8859-1")) {
      t.setAddPaxHeadersForNonAsciiNames(false);
      for (String n : List.of("caf\u00e9.png", "caf\u00e8.png", "ok.png")) {
        TarArchiveEntry e = new TarArchiveEntry(n);
        e.setSize(horse().length);
        t.putArchiveEntry(e);
        t.write(horse());
        t.closeArchiveEntry();
      }
    }
    Path f = Files.write(dir.resolve("latin1.tar"), b.toByteArray());
    read(input("webdataset", f), f);
    // bytes E9 and E8 alone are no UTF-8: read as UTF-8 both names were "caf?", one sample
    assertEquals(
        List.of("caf\u00e9", "caf\u00e8", "ok"), images.stream().map(ImageDoc::id).toList());
    assertEquals(List.of(), dead);
    // UTF-8 bytes in the header (GNU tar), and a PAX name (Python's tarfile): both read as written
    for (boolean pax : new boolean[] {false, true}) {
      ByteArrayOutputStream u = new ByteArrayOutputStream();
      try (TarArchiveOutputStream t = new TarArchiveOutputStream(u, "UTF-8")) {
        t.setAddPaxHeadersForNonAsciiNames(pax);
        for (String n : List.of("\u00fcber.png", "\u6f22\u5b57.png")) {
          TarArchiveEntry e = new TarArchiveEntry(n);
          e.setSize(horse().length);
          t.putArchiveEntry(e);
          t.write(horse());
          t.closeArchiveEntry();
        }
      }
      Path g = Files.write(dir.resolve("utf8-" + pax + ".tar"), u.toByteArray());
      images.clear();
      read(input("webdataset", g), g);
      assertEquals(
          List.of("\u00fcber", "\u6f22\u5b57"),
          images.stream().map(ImageDoc::id).toList(),
          "pax " + pax);
    }
  }

  @Test
  void aTinyFileThatIsNoTarIsCorruptAndATarCutInItsFirstHeaderIsTruncated() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.tar"), "these are notes, not a tar");
    read(input("webdataset", text), text);
    // it was read.truncated_file, as if a tar had been cut
    assertEquals(List.of("corrupt_file"), dead.stream().map(DeadLetter::reason).toList());
    assertTrue(dead.get(0).detail().contains("not a tar"), dead.get(0).detail());
    dead.clear();
    Path cut = Files.write(dir.resolve("cut.tar"), Arrays.copyOf(tar(samples()), 400));
    read(input("webdataset", cut), cut);
    assertEquals(List.of("truncated_file"), dead.stream().map(DeadLetter::reason).toList());
  }

  @Test
  void aParquetRowsIdIsNotAFileNameToCheck() {
    assertEquals(
        null, ImageDoc.read("x.jpg", null, "t.parquet", "row 1", 1, new byte[1]).claimedName());
    assertEquals(
        "a/x.jpg", ImageDoc.read("a/x.jpg", null, "a/x.jpg", "file", 0, new byte[1]).claimedName());
  }

  @Test
  void aTruncatedTarKeepsTheSamplesBeforeAndDeadLettersTheMember() throws IOException {
    byte[] whole = tar(samples());
    // cut inside d.png's data: the last member
    Path f = Files.write(dir.resolve("cut.tar"), Arrays.copyOf(whole, whole.length - 1024 - 5000));
    read(input("webdataset", f), f);
    assertEquals(List.of("shard/a", "shard/b"), images.stream().map(ImageDoc::id).toList());
    assertEquals(2, dead.size(), dead.toString());
    DeadLetter cut = dead.get(1);
    assertEquals("read", cut.stage());
    assertEquals("truncated_file", cut.reason());
    assertEquals("member shard/d.png", cut.location());
  }

  @Test
  void parquetWithHuggingFaceImageStructsLabelsAndIds() throws IOException {
    Schema image =
        SchemaBuilder.record("Image")
            .fields()
            .requiredBytes("bytes")
            .optionalString("path")
            .endRecord();
    Schema row =
        SchemaBuilder.record("Row")
            .fields()
            .name("image")
            .type(image)
            .noDefault()
            .requiredLong("label")
            .requiredString("id")
            .endRecord();
    Path f = dir.resolve("train.parquet");
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(f))
            .withSchema(row)
            .withConf(new PlainParquetConfiguration())
            .build()) {
      for (int i = 0; i < 3; i++) {
        GenericRecord img = new GenericData.Record(image);
        img.put("bytes", ByteBuffer.wrap(horse()));
        img.put("path", "h" + i + ".png");
        GenericRecord r = new GenericData.Record(row);
        r.put("image", img);
        r.put("label", (long) i);
        r.put("id", "img-" + i);
        w.write(r);
      }
    }
    read(input("image_parquet", f), f);
    assertEquals(List.of("img-0", "img-1", "img-2"), images.stream().map(ImageDoc::id).toList());
    assertEquals(List.of("0", "1", "2"), images.stream().map(ImageDoc::label).toList());
    assertEquals("row 2", images.get(1).location());
    assertArrayEquals(horse(), images.get(2).bytes());
    assertTrue(dead.isEmpty());
  }

  @Test
  void parquetWithABinaryColumnAndNoIdsNamesRowsByFile() throws IOException {
    Path f = plainParquet(dir.resolve("plain.parquet"));
    read(input("image_parquet", f), f);
    assertEquals(List.of("plain.parquet#1"), images.stream().map(ImageDoc::id).toList());
    assertEquals(1, dead.size());
    assertEquals("missing_image", dead.get(0).reason());
    assertEquals("row 2", dead.get(0).location());
  }

  @Test
  void anImageColumnThatHoldsNoBytesIsOneDeadLetterForTheFile() throws IOException {
    Schema row = SchemaBuilder.record("Row").fields().requiredString("image").endRecord();
    Path f = dir.resolve("strings.parquet");
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(f))
            .withSchema(row)
            .withConf(new PlainParquetConfiguration())
            .build()) {
      for (int i = 0; i < 3; i++) {
        GenericRecord r = new GenericData.Record(row);
        r.put("image", "images/" + i + ".png"); // a path, not the image
        w.write(r);
      }
    }
    read(input("image_parquet", f), f);
    assertTrue(images.isEmpty());
    assertEquals(1, dead.size(), dead.toString());
    assertEquals("image_column_type", dead.get(0).reason());
    assertTrue(dead.get(0).detail().contains("'image' is a string column"), dead.get(0).detail());
  }

  /** One row with the horse, one with a null image. */
  static Path plainParquet(Path f) throws IOException {
    Schema row = SchemaBuilder.record("Row").fields().optionalBytes("image").endRecord();
    Files.createDirectories(f.getParent());
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(f))
            .withSchema(row)
            .withConf(new PlainParquetConfiguration())
            .build()) {
      GenericRecord r = new GenericData.Record(row);
      r.put("image", ByteBuffer.wrap(horse()));
      w.write(r);
      GenericRecord empty = new GenericData.Record(row);
      empty.put("image", null);
      w.write(empty);
    }
    return f;
  }

  @Test
  void rowIdsNameTheFileByItsPathUnderTheInputFolder() throws IOException {
    // two splits' files of one name: both were "train.parquet#1", and the second a duplicate_id
    Path a = plainParquet(dir.resolve("ds/a/train.parquet"));
    Path b = plainParquet(dir.resolve("ds/b/train.parquet"));
    ImageInput in = input("image_parquet", dir.resolve("ds"));
    read(in, a);
    read(in, b);
    assertEquals(
        List.of("a/train.parquet#1", "b/train.parquet#1"),
        images.stream().map(ImageDoc::id).toList());
    ImageInput glob =
        ImageInput.from(
            new LinkedHashMap<>(
                Map.of("format", "image_parquet", "path", dir + "/ds/a/*.parquet")));
    assertEquals("train.parquet", glob.relativeName(a.toString()));
    assertEquals("b/train.parquet", in.relativeName(b.toString()));
    // two paths, one per folder: named from the folder they share
    ImageInput two =
        ImageInput.from(
            new LinkedHashMap<>(
                Map.of(
                    "format",
                    "image_parquet",
                    "path",
                    List.of(dir + "/ds/a/*.parquet", dir + "/ds/b/train.parquet"))));
    assertEquals("a/train.parquet", two.relativeName(a.toString()));
    assertEquals("b/train.parquet", two.relativeName(b.toString()));
  }

  @Test
  void binaryIdAndLabelColumnsAreReadAsText() throws IOException {
    Schema row =
        SchemaBuilder.record("Row")
            .fields()
            .requiredBytes("id")
            .requiredBytes("image")
            .requiredBytes("label")
            .endRecord();
    Path f = dir.resolve("binary.parquet");
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(f))
            .withSchema(row)
            .withConf(new PlainParquetConfiguration())
            .build()) {
      for (byte[] id : new byte[][] {"héllo".getBytes(StandardCharsets.UTF_8), {(byte) 0xE9, 1}}) {
        GenericRecord r = new GenericData.Record(row);
        r.put("id", ByteBuffer.wrap(id));
        r.put("image", ByteBuffer.wrap(horse()));
        r.put("label", ByteBuffer.wrap("cat".getBytes(StandardCharsets.UTF_8)));
        w.write(r);
      }
    }
    read(input("image_parquet", f), f);
    assertEquals(List.of("héllo", "0xe901"), images.stream().map(ImageDoc::id).toList());
    assertEquals(List.of("cat", "cat"), images.stream().map(ImageDoc::label).toList());
    assertTrue(dead.isEmpty(), dead.toString());
  }

  @Test
  void anEmptyTarIsOneDeadLetter() throws IOException {
    Path f = Files.write(dir.resolve("empty.tar"), new byte[0]);
    read(input("webdataset", f), f);
    assertTrue(images.isEmpty());
    assertEquals("empty_file", dead.get(0).reason());
  }

  @Test
  void aFolderListsEveryEntryAndIdsAreItsNamesAsTheyAre() throws IOException {
    Path root = Files.createDirectories(dir.resolve("folder/cats"));
    Files.write(root.resolve("back\\slash.png"), horse()); // a backslash is part of a Unix name
    Files.write(root.resolve("new\nline.png"), horse()); // "**" as a regex stops at a line break
    Files.createSymbolicLink(root.resolve("dangling.png"), dir.resolve("missing.png"));
    ImageInput in = input(ImageInput.FOLDER, dir.resolve("folder"));
    List<String> files = in.files();
    assertEquals(3, files.size(), files.toString());
    for (String f : files) read(in, Path.of(f));
    assertEquals(
        List.of("cats/back\\slash.png", "cats/new\nline.png"),
        images.stream().map(ImageDoc::id).sorted().toList());
    assertEquals("cats", images.get(0).label());
    assertEquals(1, dead.size());
    assertEquals("unreadable_file", dead.get(0).reason());
    assertTrue(
        dead.get(0).detail().contains("symbolic link to a missing target"), dead.get(0).detail());
    // a link that leads back to itself is said to be one, not a link to a missing target
    Path loops = Files.createDirectories(dir.resolve("loops"));
    Path loop = loops.resolve("loop.png");
    Files.createSymbolicLink(loop, loops.resolve("loop-back.png"));
    Files.createSymbolicLink(loops.resolve("loop-back.png"), loop);
    assertTrue(
        FileReader.unreadable(loop.toString(), new java.io.IOException("x"))
            .contains("a symbolic link in a loop"));
    // an include glob matches a name with a line break too (it missed it)
    ImageInput png =
        ImageInput.from(
            new LinkedHashMap<>(
                Map.of(
                    "format",
                    ImageInput.FOLDER,
                    "path",
                    dir.resolve("folder").toString(),
                    "include",
                    List.of("**.png"))));
    assertEquals(files, png.files());
    // a sizer (the JIT choice) counts the files the globs keep, and only those
    Files.write(root.resolve("notes.txt"), new byte[1000]);
    List<String> sized = new ArrayList<>();
    assertEquals(files, png.files((f, bytes) -> !sized.add(f)));
    assertEquals(files, sized.stream().sorted().toList(), "in the folder's order, each once");
    assertNull(png.files((f, bytes) -> true), "stopped by the sizer");
  }

  @Test
  void aFolderFileIsLabelledByItsOwnFolderAtAnyDepth() throws IOException {
    Path deep = Files.createDirectories(dir.resolve("root/a/b"));
    Files.write(deep.resolve("c.png"), horse());
    Files.write(dir.resolve("root/top.png"), horse());
    ImageInput in = input(ImageInput.FOLDER, dir.resolve("root"));
    for (String f : in.files()) read(in, Path.of(f));
    assertEquals(List.of("a/b/c.png", "top.png"), images.stream().map(ImageDoc::id).toList());
    assertEquals("b", images.get(0).label());
    assertNull(images.get(1).label(), "a file at the top has no parent folder to name it");
  }

  @Test
  void aDamagedMemberHeaderStopsTheTarAfterTheSampleBefore() throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("s1.PNG", horse()); // the location keeps the member's own spelling
    m.put("s1.cls", "3".getBytes(StandardCharsets.UTF_8));
    m.put("s2.png", horse());
    m.put("s2.cls", "4".getBytes(StandardCharsets.UTF_8));
    byte[] b = tar(m);
    int s2 = 512 + (horse().length + 511) / 512 * 512 + 512 + 512; // s2.png's header
    Arrays.fill(b, s2, s2 + 20, (byte) '?'); // its name, so its checksum no longer holds
    Path f = Files.write(dir.resolve("bad.tar"), b);
    read(input("webdataset", f), f);
    assertEquals(List.of("s1"), images.stream().map(ImageDoc::id).toList());
    assertEquals("member s1.PNG", images.get(0).location());
    assertEquals(1, dead.size(), dead.toString());
    assertEquals("corrupt_file", dead.get(0).reason());
    assertEquals("the header after member s1.cls", dead.get(0).location());
    assertTrue(dead.get(0).detail().contains("checksum"), dead.get(0).detail());
  }

  @Test
  void aFolderListingProvesItsIdsUniqueUnlessTwoSpellingsNameOneFile() throws IOException {
    Path root = Files.createDirectories(dir.resolve("folder/cats"));
    Path a = Files.write(root.resolve("a.png"), horse());
    Path b = Files.write(root.resolve("b.png"), horse());
    ImageInput folder = input(ImageInput.FOLDER, dir.resolve("folder"));
    assertTrue(ImageReader.idsUniqueByListing(folder, List.of(a.toString(), b.toString())));
    // the same file twice, once through "./": one id, so the duplicate-id check must run
    String again = root.resolve(".").resolve("a.png").toString();
    assertFalse(ImageReader.idsUniqueByListing(folder, List.of(a.toString(), again)));
    // ids inside the files: never known from the listing
    Path t = Files.write(dir.resolve("00000.tar"), tar(samples()));
    assertFalse(ImageReader.idsUniqueByListing(input("webdataset", t), List.of(t.toString())));
  }
}
