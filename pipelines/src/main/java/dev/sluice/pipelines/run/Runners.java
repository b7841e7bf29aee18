package dev.sluice.pipelines.run;

import dev.sluice.core.config.Config;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Runner options by name. {@code embedded} (the default) is Flink's in-process MiniCluster with one slot per core:
 * measured 2-4x faster than the DirectRunner on this workload (BENCHMARKS.md). {@code direct} is Beam's
 * DirectRunner; {@code flink} submits to a running Flink 1.19 session cluster at {@code --flink-master}.
 */
public final class Runners {
  public static final List<String> NAMES = List.of("embedded", "direct", "flink");

  private Runners() {}

  /**
   * Settings for the in-process MiniCluster, written once per JVM to a temporary folder that Beam reads as the Flink
   * configuration directory: its shuffles never leave the process, so compressing them (LZ4) only costs CPU; and
   * the sorts behind every GroupByKey get 80 % of the free heap's size as managed (off-heap) memory instead of
   * Beam's 40 %, split among all the job's sorting operators, so the large ones (ids, bands) spill less. Measured
   * on the 10x bench corpus, one core: 125.6 s with neither, 118.8 s without compression, 113.1 s with both
   * (BENCHMARKS.md).
   */
  static synchronized String localFlinkConf() {
    if (localConf == null) {
      try {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sluice-flink-conf");
        java.nio.file.Files.writeString(
            dir.resolve("flink-conf.yaml"),
            String.join(
                "\n",
                "taskmanager.network.blocking-shuffle.compression.enabled: false",
                "taskmanager.memory.managed.fraction: 0.8",
                ""));
        dir.toFile().deleteOnExit();
        dir.resolve("flink-conf.yaml").toFile().deleteOnExit();
        localConf = dir.toString();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return localConf;
  }

  private static String localConf;

  /** Restart attempts and the delay between them, for jobs submitted to a cluster ({@link #options}). */
  public record Restarts(int attempts, int delaySeconds) {
    public static final Restarts DEFAULT = new Restarts(5, 2);

    public Restarts {
      if (attempts < 0)
        throw new Config.ConfigException("--restarts", attempts, "0 (none) or more attempts");
      if (delaySeconds < 0)
        throw new Config.ConfigException("--restart-delay", delaySeconds, "seconds, 0 or more");
    }
  }

  /**
   * For a CLI run on the embedded runner: starts its MiniCluster now, in the background, so that it is up by the
   * time the graph is built ({@link EarlyMiniCluster}); no-op for other runners. Pair with {@link #release}.
   */
  public static void startEmbeddedCluster(PipelineOptions options) {
    if (options.getRunner() != FlinkRunner.class) return;
    FlinkPipelineOptions f = options.as(FlinkPipelineOptions.class);
    if ("[local]".equals(f.getFlinkMaster())) EarlyMiniCluster.start(f);
  }

  /** Undoes {@link #startEmbeddedCluster}: closes its cluster if no job used it. */
  public static void release() {
    EarlyMiniCluster.release();
  }

  public static PipelineOptions options(String runner, String flinkMaster, int parallelism) {
    return options(runner, flinkMaster, parallelism, Restarts.DEFAULT);
  }

  /**
   * Refuses the options a run would refuse, without building or starting anything: {@code run --check} calls it,
   * and {@link #options} before it builds them.
   */
  public static void check(String runner, String flinkMaster, int parallelism) {
    if (!NAMES.contains(runner)) {
      throw new Config.ConfigException("--runner", runner, "one of " + NAMES);
    }
    if (parallelism < 0) {
      throw new Config.ConfigException(
          "--parallelism", parallelism, "0 (one per core) or more workers");
    }
    if (runner.equals("flink") && (flinkMaster == null || flinkMaster.isBlank())) {
      throw new Config.ConfigException(
          "--flink-master", flinkMaster, "HOST:PORT of the JobManager's REST endpoint");
    }
  }

  public static PipelineOptions options(
      String runner, String flinkMaster, int parallelism, Restarts restarts) {
    check(runner, flinkMaster, parallelism);
    int cores = parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
    switch (runner) {
      case "embedded" -> {
        FlinkPipelineOptions o = PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
        o.setRunner(FlinkRunner.class);
        o.setFlinkMaster("[local]");
        o.setParallelism(cores);
        o.setMaxParallelism(Math.max(cores, 1));
        o.setObjectReuse(false);
        o.setFasterCopy(true);
        o.setFilesToStage(List.of());
        o.setAttachedMode(true);
        o.setFlinkConfDir(localFlinkConf());
        return o;
      }
      case "direct" -> {
        DirectOptions o = PipelineOptionsFactory.create().as(DirectOptions.class);
        o.setRunner(DirectRunner.class);
        o.setTargetParallelism(cores);
        o.setEnforceImmutability(false);
        o.setEnforceEncodability(false);
        o.setBlockOnRun(true);
        return o;
      }
      case "flink" -> {
        String jar =
            System.getProperty(
                "sluice.jobJar",
                System.getenv().getOrDefault("SLUICE_JOB_JAR", "pipelines/target/sluice-job.jar"));
        if (!new java.io.File(jar).isFile()) {
          throw new Config.ConfigException(
              "--runner flink",
              jar,
              "a job jar: build it with 'mvn -Pjob-jar -pl pipelines package' (bin/sluice does this itself)");
        }
        FlinkPipelineOptions o = PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
        o.setRunner(FlinkRunner.class);
        // "[auto]": Beam asks Flink for the context environment, which ClusterEnvironment makes a
        // remote one whose job carries Sluice's restart strategy (Beam's own remote batch
        // environment has no way to set one).
        ClusterEnvironment.install(flinkMaster, List.of(jar), restarts);
        o.setFlinkMaster("[auto]");
        if (parallelism > 0) o.setParallelism(parallelism);
        o.setAttachedMode(true);
        o.setFasterCopy(true);
        o.setFilesToStage(List.of(jar)); // only this jar is uploaded; the cluster has Flink
        o.setJobName("sluice");
        return o;
      }
      default -> throw new Config.ConfigException("--runner", runner, "one of " + NAMES);
    }
  }
}
