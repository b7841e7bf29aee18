package dev.sluice.report;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged report.json is a one-line error naming the file, not a NullPointerException while rendering. */
class ReportReadTest {
  @TempDir Path dir;

  @Test
  void aDamagedReportIsAUsageErrorNamingTheFile() throws IOException {
    for (String content : new String[] {"{}", "{\"run\": {", "[]", "null"}) {
      Files.writeString(dir.resolve(Report.JSON_FILE), content);
      UsageException e = assertThrows(UsageException.class, () -> Report.read(dir));
      assertTrue(e.getMessage().startsWith(dir.resolve(Report.JSON_FILE) + ": "), e.getMessage());
      assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    }
  }
}
