package dev.sluice.pipelines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.core.cli.UsageException;
import dev.sluice.core.run.RunDir;
import dev.sluice.report.Report;
import dev.sluice.report.ReportHtml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice report RUN_DIR [--compare OTHER_RUN_DIR]}: re-render a run's report, or compare two runs. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Re-render RUN_DIR/report.html from RUN_DIR/report.json, or compare two runs.",
    footer = {
      "",
      "Examples:",
      "  bin/sluice report out/quickstart",
      "  bin/sluice report out/nightly-2026-11-22 --compare out/nightly-2026-11-21   # writes compare.html/json"
    })
public final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_DIR")
  Path dir;

  @Option(
      names = "--compare",
      paramLabel = "OTHER_RUN_DIR",
      description = "the baseline run to compare with")
  Path other;

  @Option(names = "--verbose", description = "stack traces on failure")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    for (Path d : other == null ? java.util.List.of(dir) : java.util.List.of(dir, other)) {
      RunDir run = RunDir.open(d); // refuses an unfinished or foreign directory, naming it
      if (!Files.isRegularFile(run.reportJson())) {
        throw new UsageException(
            run.reportJson() + " not found: the run was made with --no-report");
      }
    }
    Report r = Report.read(dir);
    if (other == null) {
      Path out = dir.resolve(Report.HTML_FILE);
      Report.writeAtomically(out, ReportHtml.render(r, null));
      System.out.println("wrote " + out);
      return 0;
    }
    Report base = Report.read(other);
    Path html = dir.resolve("compare.html");
    Report.writeAtomically(html, ReportHtml.render(r, base));
    Map<String, Object> cmp = new LinkedHashMap<>();
    cmp.put("schema", "sluice.compare/1");
    cmp.put("run", r.run());
    cmp.put("baseline", base.run());
    cmp.put("anomalies", Report.anomalies(r, base));
    cmp.put("kept", Map.of("run", r.counts().kept(), "baseline", base.counts().kept()));
    cmp.put("input", Map.of("run", r.counts().input(), "baseline", base.counts().input()));
    Path json = dir.resolve("compare.json");
    Report.writeAtomically(
        json,
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(cmp));
    System.out.println("wrote " + html + " and " + json);
    for (Object a : (java.util.List<?>) cmp.get("anomalies")) System.out.println("  anomaly: " + a);
    return 0;
  }
}
