package dev.sluice.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
  private record Printed(int code, String err) {}

  private static Printed report(Throwable ex, boolean verbose) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code =
        ExitCodes.report("sluice", ex, verbose, new PrintStream(buf, true, StandardCharsets.UTF_8));
    return new Printed(code, buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void usageErrorsExitTwoInOneLine() {
    Printed recipe =
        report(
            new Config.ConfigException("language.min_confidence", 1.5, "a fraction in [0, 1]"),
            false);
    assertEquals(2, recipe.code());
    assertEquals(
        "sluice: bad recipe: language.min_confidence: got 1.5, expected a fraction in [0, 1]\n",
        recipe.err());
    Printed option = report(new Config.ConfigException("--restarts", -1, "0 or more"), false);
    assertTrue(option.err().startsWith("sluice: bad option: --restarts"), option.err());
    Printed plain = report(new UsageException("out/x is not a run directory"), false);
    assertEquals("sluice: out/x is not a run directory\n", plain.err());
  }

  @Test
  void failedRunsExitOneWithTheReasonAndTheTraceOnlyWhenAsked() {
    Printed quiet =
        report(
            new RunFailedException("a TaskManager was lost", new IllegalStateException("x")),
            false);
    assertEquals(1, quiet.code());
    assertTrue(
        quiet.err().startsWith("sluice: the run failed: a TaskManager was lost\n"), quiet.err());
    assertFalse(quiet.err().contains("\tat "), quiet.err());
    assertTrue(report(new RunFailedException("lost", null), true).err().contains("\tat "));
    Printed io = report(new IOException("No space left on device"), false);
    assertEquals(1, io.code());
    assertFalse(io.err().contains("\tat "), io.err());
  }

  @Test
  void aBugIsExitOneWithItsStackTraceNeverBadUsage() {
    Printed bug = report(new IllegalArgumentException("index -1 out of bounds"), false);
    assertEquals(1, bug.code());
    assertTrue(bug.err().contains("internal error"), bug.err());
    assertTrue(bug.err().contains("\tat "), "stack trace printed: " + bug.err());
    assertEquals(1, report(new NullPointerException(), false).code());
  }

  @picocli.CommandLine.Command(name = "run")
  static final class Run implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Option(names = "--verbose")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
      throw new IOException("cannot open x");
    }
  }

  @picocli.CommandLine.Command(name = "sluice", subcommands = Run.class)
  static final class Top {}

  @Test
  void verboseOnTheSubcommandPrintsTheTrace() {
    PrintStream saved = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
      picocli.CommandLine cli = ExitCodes.install(new picocli.CommandLine(new Top()), "sluice");
      assertEquals(1, cli.execute("run"));
      assertFalse(buf.toString(StandardCharsets.UTF_8).contains("\tat "));
      buf.reset();
      assertEquals(1, cli.execute("run", "--verbose"));
    } finally {
      System.setErr(saved);
    }
    String err = buf.toString(StandardCharsets.UTF_8);
    assertTrue(err.startsWith("sluice: the run failed: cannot open x\n"), err);
    assertTrue(err.contains("\tat "), err);
  }

  @picocli.CommandLine.Command(name = "fit", mixinStandardHelpOptions = true)
  static final class Verb implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      return 0;
    }
  }

  @picocli.CommandLine.Command(name = "sluice", subcommands = Verb.class)
  static final class Verbs {}

  @Test
  void everyVerbPrintsTheVersion() {
    // a verb with -V and no version of its own printed nothing, as sluice run -V and sluice fit -V
    // did
    picocli.CommandLine alone =
        ExitCodes.install(new picocli.CommandLine(new Verb()), "sluice fit");
    picocli.CommandLine top = ExitCodes.install(new picocli.CommandLine(new Verbs()), "sluice");
    java.io.StringWriter out = new java.io.StringWriter();
    alone.setOut(new java.io.PrintWriter(out, true));
    assertEquals(0, alone.execute("-V"));
    assertEquals("sluice " + ExitCodes.VERSION, out.toString().strip());
    out.getBuffer().setLength(0);
    top.setOut(new java.io.PrintWriter(out, true));
    assertEquals(0, top.execute("fit", "-V"));
    assertEquals("sluice " + ExitCodes.VERSION, out.toString().strip());
  }
}
