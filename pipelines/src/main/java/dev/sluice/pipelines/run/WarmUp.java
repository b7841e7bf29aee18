package dev.sluice.pipelines.run;

import dev.sluice.pipelines.steps.DocStep;
import java.util.List;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the per-document steps' shared resources on a background thread while the runner builds, translates and
 * starts the job, when the job runs in this JVM (the embedded MiniCluster, the DirectRunner). A one-record run
 * otherwise waits for them inside its first task: the language model alone held the job for ~0.5 s there
 * (BENCHMARKS.md, "Fixed cost of a run"). On a cluster the tasks run elsewhere, so nothing is loaded here.
 */
public final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

  private WarmUp() {}

  static void start(PipelineOptions options, List<DocStep> steps) {
    if (!inProcess(options)) return;
    List<DocStep> copy = List.copyOf(steps);
    Thread t =
        new Thread(
            () -> {
              for (DocStep s : copy) {
                try {
                  s.warmUp();
                } catch (VirtualMachineError e) {
                  throw e;
                } catch (Throwable e) {
                  // the task's own setup loads it again and reports the failure where it belongs
                  LOG.debug("warm-up of {} failed: {}", s.stage(), e.toString());
                }
              }
            },
            "sluice-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Initialises Beam's options registry on a background thread as soon as {@code sluice run} starts, while the main
   * thread parses the command line and reads the recipe: registering and validating every options interface on the
   * class path took ~0.2 s of the main thread's critical path in a one-record run (BENCHMARKS.md, "Fixed cost of a
   * run"). Class initialisation is thread-safe, so the main thread merely waits if it gets there first.
   */
  public static void beamOptions() {
    Thread t =
        new Thread(
            () -> {
              try {
                PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
              } catch (VirtualMachineError e) {
                throw e;
              } catch (LinkageError e) {
                // a failed class initialiser: the main thread would then see a bare "Could not
                // initialize class" without the cause (JDK 17), so the cause is printed here
                LOG.warn("Beam's pipeline options could not be initialised", e);
              } catch (Throwable e) {
                // the main thread does the same and reports any failure where it belongs
                LOG.debug("warm-up of the pipeline options failed: {}", e.toString());
              }
            },
            "sluice-warm-up-options");
    t.setDaemon(true);
    t.start();
  }

  static boolean inProcess(PipelineOptions options) {
    if (options.getRunner() == DirectRunner.class) return true;
    return EarlyMiniCluster.installed()
        || "[local]".equals(options.as(FlinkPipelineOptions.class).getFlinkMaster());
  }
}
