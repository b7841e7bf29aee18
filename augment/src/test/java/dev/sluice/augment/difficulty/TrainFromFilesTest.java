package dev.sluice.augment.difficulty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainFromFilesTest {
  @TempDir Path dir;

  private Path gzip(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return f;
  }

  @Test
  void readsTheTextOfEachJsonlLineAndEachTxtParagraphInOrder() throws IOException {
    Path jsonl =
        Files.writeString(
            dir.resolve("a.jsonl"),
            "{\"id\": \"1\", \"text\": \"The sea.\"}\n\n{\"id\": \"2\", \"text\": \"A whale\\nswims.\", \"x\": 1}\n");
    Path txt =
        Files.writeString(dir.resolve("b.txt"), "First para\nline two.\n\n\n  \nSecond para.\n");
    Path jsonlGz = gzip("c.jsonl.gz", "{\"text\": \"Gzipped.\"}\n");
    Path txtGz = gzip("d.TXT.GZ", "Only paragraph.");
    DifficultyModel fromFiles =
        DifficultyModel.trainFromFiles(List.of(jsonl, txt, jsonlGz, txtGz), 4);
    List<String> docs =
        List.of(
            "The sea.",
            "A whale\nswims.",
            "First para\nline two.",
            "Second para.",
            "Gzipped.",
            "Only paragraph.");
    DifficultyModel fromList = DifficultyModel.train(docs, 4);
    assertEquals(6, fromFiles.trainingDocs());
    assertEquals(fromList.version(), fromFiles.version(), "same documents, same order: same model");
    assertEquals(fromList.trainingCodePoints(), fromFiles.trainingCodePoints());
  }

  @Test
  void theSampleCorpusTrainsTheSameFromFilesAsFromItsTexts() throws IOException {
    Path moby = Samples.path("samples/text/en/moby-dick.jsonl");
    DifficultyModel fromFile = DifficultyModel.trainFromFiles(List.of(moby), 3);
    DifficultyModel fromTexts = DifficultyModel.train(List.copyOf(Samples.mobyDick().values()), 3);
    assertEquals(fromTexts.version(), fromFile.version());
  }

  @Test
  void aBadJsonlLineIsAnErrorNamingFileAndLine() throws IOException {
    List<String> bad =
        List.of(
            "not json",
            "[\"a\", \"b\"]",
            "{\"id\": 3}",
            "{\"text\": 42}",
            "{\"text\": \"a\"} {\"text\": \"b\"}",
            "\"just a string\"");
    for (int i = 0; i < bad.size(); i++) {
      Path f =
          Files.writeString(
              dir.resolve("bad" + i + ".jsonl"),
              "{\"text\": \"fine\"}\n{\"text\": \"fine\"}\n" + bad.get(i) + "\n");
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> DifficultyModel.trainFromFiles(List.of(f), 3));
      assertTrue(
          e.getMessage().startsWith(f + ":3: not a JSON object with a string \"text\""),
          e.getMessage());
    }
  }

  @Test
  void invalidUtf8IsAnErrorNamingFileAndLine() throws IOException {
    Path f = dir.resolve("latin1.txt");
    Files.write(f, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DifficultyModel.trainFromFiles(List.of(f), 3));
    assertEquals(f + ":2: not valid UTF-8", e.getMessage());
  }

  @Test
  void anUnsupportedFileTypeFailsBeforeAnythingIsRead() throws IOException {
    Path good = Files.writeString(dir.resolve("ok.txt"), "fine");
    Path csv = dir.resolve("data.csv"); // need not exist: names are checked first
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DifficultyModel.trainFromFiles(List.of(good, csv), 3));
    assertEquals(
        csv + ": unsupported reference file; expected .jsonl, .jsonl.gz, .txt or .txt.gz",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> DifficultyModel.trainFromFiles(List.of(good), 9));
  }

  @Test
  void aReferenceWithoutADocumentIsAnError() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DifficultyModel.trainFromFiles(List.of(empty), 3));
    assertEquals("the reference holds no document to train on", e.getMessage());
  }
}
