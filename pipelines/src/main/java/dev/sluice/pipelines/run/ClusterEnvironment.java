package dev.sluice.pipelines.run;

import dev.sluice.core.config.Config;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.api.java.RemoteEnvironment;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;

/**
 * The Flink batch environment of a job submitted to a cluster, with the job's restart strategy set by Sluice.
 *
 * <p>Beam 2.62 creates a remote batch environment itself and sets no restart strategy on it ({@code
 * numberOfExecutionRetries} reaches only its streaming environment), and the DataSet translation ignores
 * {@code restart-strategy.*} in the client configuration, so a batch job would run with the cluster's default: for a
 * job without checkpoints, no restart at all. With {@code --flink-master [auto]} Beam asks Flink for the context
 * environment instead; this class installs, for the next job, the same remote environment with a fixed-delay
 * restart strategy set on its {@code ExecutionConfig}, which travels inside the job graph and wins over the
 * cluster's configuration. (It extends {@link ExecutionEnvironment} only to reach the protected hook.)
 */
final class ClusterEnvironment extends ExecutionEnvironment {
  private ClusterEnvironment() {}

  static void install(String master, List<String> jars, Runners.Restarts restarts) {
    int colon = master.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(master.substring(colon + 1));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new Config.ConfigException(
          "--flink-master", master, "HOST:PORT of the JobManager's REST endpoint");
    }
    String host = master.substring(0, colon).replaceFirst("^https?://", "");
    if (host.isEmpty()) {
      throw new Config.ConfigException(
          "--flink-master", master, "HOST:PORT of the JobManager's REST endpoint");
    }
    // the user's client settings (security, REST client options) when FLINK_CONF_DIR points at them
    Configuration client =
        System.getenv("FLINK_CONF_DIR") == null
            ? new Configuration()
            : GlobalConfiguration.loadConfiguration();
    resetContextEnvironment(); // Flink refuses to create an explicit environment while a context
    // one is installed
    RemoteEnvironment env = new RemoteEnvironment(host, port, client, jars.toArray(String[]::new));
    env.getConfig()
        .setRestartStrategy(
            restarts.attempts() == 0
                ? RestartStrategies.noRestart()
                : RestartStrategies.fixedDelayRestart(
                    restarts.attempts(), restarts.delaySeconds() * 1000L));
    submitted = null;
    rest = "http://" + host + ":" + port;
    env.registerJobListener(
        new JobListener() {
          @Override
          public void onJobSubmitted(JobClient job, Throwable failure) {
            if (job != null) submitted = job.getJobID().toHexString();
          }

          @Override
          public void onJobExecuted(JobExecutionResult result, Throwable failure) {}
        });
    initializeContextEnvironment(() -> env);
  }

  private static volatile String submitted;
  private static volatile String rest;

  /** The id of the job the installed environment submitted, once it has; else null. */
  static String submittedJob() {
    return submitted;
  }

  /** The REST endpoint of the cluster the installed environment submits to. */
  static String restEndpoint() {
    return rest;
  }

  /** Removes the installed environment (tests; a CLI process runs one job). */
  static void uninstall() {
    resetContextEnvironment();
    rest = null;
    submitted = null;
  }
}
