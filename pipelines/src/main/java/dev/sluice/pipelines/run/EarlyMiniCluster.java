package dev.sluice.pipelines.run;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.client.ClientUtils;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.util.function.FunctionUtils;

/**
 * The embedded runner's MiniCluster, started on a background thread when {@code sluice run} knows it will run a job,
 * while the main thread still reads the input list and builds and translates the Beam graph. Beam's own {@code
 * [local]} environment starts the cluster only after translation, so on a one-record run its ~0.7 s start sat on
 * the critical path (BENCHMARKS.md, "Fixed cost of a run").
 *
 * <p>The cluster is the one Beam's {@code [local]} environment would start: the same configuration file
 * ({@link Runners#localFlinkConf}), managed memory as the same fraction of the free heap (measured without
 * the collection Beam forces first), no class-loader leak
 * check, one TaskManager with a slot per unit of parallelism, an ephemeral REST port; the job graph is translated by
 * Flink's own {@link PipelineExecutorUtils}, exactly as its local executor does. Beam reaches it through Flink's
 * context environment ({@code --flink-master [auto]}, which Beam uses as it is when it is not a plain local
 * environment). The first job takes the early cluster and shuts it down when it finishes; a later job in the same
 * process starts its own cluster the same way, synchronously.
 */
final class EarlyMiniCluster extends ExecutionEnvironment {
  private static volatile Executor installed;

  private EarlyMiniCluster(Executor executor, Configuration conf) {
    super(executor, conf, EarlyMiniCluster.class.getClassLoader());
  }

  /** Starts the cluster now, in the background, and points {@code options} at it. */
  static void start(FlinkPipelineOptions options) {
    Configuration conf = GlobalConfiguration.loadConfiguration(options.getFlinkConfDir());
    if (!conf.containsKey("taskmanager.memory.managed.size")) {
      // Beam measures the free heap after a System.gc() (a young and a full collection, ~0.1 s);
      // here, at the start of the run, the heap holds little but garbage, so the estimate without
      // one is as good
      long free = EnvironmentInformation.getSizeOfFreeHeapMemory();
      long managed = (long) (free * conf.get(TaskManagerOptions.MANAGED_MEMORY_FRACTION));
      conf.setString("taskmanager.memory.managed.size", String.valueOf(managed));
    }
    if (!conf.containsKey("classloader.check-leaked-classloader")) {
      conf.setBoolean("classloader.check-leaked-classloader", false);
    }
    conf.set(DeploymentOptions.TARGET, "local");
    conf.set(DeploymentOptions.ATTACHED, true);
    release(); // a second start without a release would leave the first cluster running
    Executor executor = new Executor(conf, options.getParallelism());
    resetContextEnvironment();
    // a new environment per job (Beam sets its parallelism and execution config), the same executor
    initializeContextEnvironment(() -> new EarlyMiniCluster(executor, conf));
    installed = executor;
    options.setFlinkMaster(FlinkPipelineOptions.AUTO);
  }

  /** Whether this process's embedded jobs run on a cluster started here (so their tasks run in this JVM). */
  static boolean installed() {
    return installed != null;
  }

  /** Removes the context environment, closing the early cluster if no job took it. */
  static void release() {
    Executor e = installed;
    if (e == null) return;
    installed = null;
    resetContextEnvironment();
    e.discard();
  }

  /** Flink's local executor, except that the first job's cluster was started ahead. */
  private static final class Executor
      implements PipelineExecutor, PipelineExecutorFactory, PipelineExecutorServiceLoader {
    private final Configuration conf;
    private final int slots;
    private CompletableFuture<MiniCluster> early;

    Executor(Configuration conf, int slots) {
      this.conf = conf;
      this.slots = slots;
      this.early =
          CompletableFuture.supplyAsync(
              this::startCluster,
              task -> {
                Thread t = new Thread(task, "sluice-minicluster-start");
                t.setDaemon(true);
                t.start();
              });
    }

    /** Closes the early cluster if no job took it. */
    synchronized void discard() {
      CompletableFuture<MiniCluster> f = early;
      early = null;
      if (f != null) f.thenAccept(MiniCluster::closeAsync);
    }

    private MiniCluster startCluster() {
      Configuration c = new Configuration(conf);
      if (!c.contains(RestOptions.BIND_PORT)) c.set(RestOptions.BIND_PORT, "0");
      MiniCluster cluster =
          new MiniCluster(
              new MiniClusterConfiguration.Builder()
                  .setConfiguration(c)
                  .setNumTaskManagers(1)
                  .setRpcServiceSharing(RpcServiceSharing.SHARED)
                  .setNumSlotsPerTaskManager(
                      c.getOptional(TaskManagerOptions.NUM_TASK_SLOTS).orElse(slots))
                  .build());
      try {
        cluster.start();
      } catch (Exception e) {
        throw new IllegalStateException("the embedded Flink cluster did not start: " + e, e);
      }
      return cluster;
    }

    /** The early cluster for the first job, a new one for any later job. */
    private synchronized MiniCluster cluster() throws Exception {
      CompletableFuture<MiniCluster> f = early;
      early = null;
      if (f == null) return startCluster();
      try {
        return f.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof Exception x ? x : e;
      }
    }

    @Override
    public CompletableFuture<JobClient> execute(
        Pipeline pipeline, Configuration jobConf, ClassLoader classLoader) throws Exception {
      Configuration effective = new Configuration(conf);
      effective.addAll(jobConf);
      JobGraph graph = PipelineExecutorUtils.getJobGraph(pipeline, effective, classLoader);
      if (graph.getMaximumParallelism() > slots) {
        throw new IllegalStateException(
            "the job wants parallelism "
                + graph.getMaximumParallelism()
                + ", the cluster has "
                + slots
                + " slots");
      }
      MiniCluster cluster = cluster();
      return cluster
          .submitJob(graph)
          .thenApplyAsync(
              FunctionUtils.uncheckedFunction(
                  submitted -> {
                    // as Flink's local executor: a job that fails to initialise fails here, not in
                    // its result
                    ClientUtils.waitUntilJobInitializationFinished(
                        () -> cluster.getJobStatus(submitted.getJobID()).get(),
                        () -> cluster.requestJobResult(submitted.getJobID()).get(),
                        classLoader);
                    return submitted;
                  }))
          .thenApply(
              r ->
                  (JobClient)
                      new MiniClusterJobClient(
                          r.getJobID(),
                          cluster,
                          classLoader,
                          MiniClusterJobClient.JobFinalizationBehavior.SHUTDOWN_CLUSTER))
          .whenComplete(
              (client, failure) -> {
                if (failure != null) cluster.closeAsync();
              });
    }

    @Override
    public String getName() {
      return "sluice-early-local";
    }

    @Override
    public boolean isCompatibleWith(Configuration configuration) {
      return true;
    }

    @Override
    public PipelineExecutor getExecutor(Configuration configuration) {
      return this;
    }

    @Override
    public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
      return this;
    }

    @Override
    public Stream<String> getExecutorNames() {
      return Stream.of(getName());
    }
  }
}
