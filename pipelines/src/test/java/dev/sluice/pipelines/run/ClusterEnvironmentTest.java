package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.api.java.RemoteEnvironment;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment a cluster job is built in carries Sluice's restart strategy and the job jar. */
class ClusterEnvironmentTest {
  @TempDir Path tmp;

  @AfterEach
  void uninstall() {
    ClusterEnvironment.uninstall();
    System.clearProperty("sluice.jobJar");
  }

  private Path jar() throws Exception {
    Path jar = tmp.resolve("job.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("x.txt"));
      out.write('x');
    }
    return jar;
  }

  private ExecutionEnvironment optionsAndEnvironment(String master, Runners.Restarts restarts)
      throws Exception {
    Path jar = jar();
    System.setProperty("sluice.jobJar", jar.toString());
    FlinkPipelineOptions o = (FlinkPipelineOptions) Runners.options("flink", master, 2, restarts);
    assertEquals("[auto]", o.getFlinkMaster(), "Beam must ask Flink for the context environment");
    return ExecutionEnvironment.getExecutionEnvironment();
  }

  @Test
  void remoteEnvironmentWithAFixedDelayRestartStrategy() throws Exception {
    ExecutionEnvironment env = optionsAndEnvironment("127.0.0.1:18081", new Runners.Restarts(3, 7));
    assertInstanceOf(RemoteEnvironment.class, env);
    assertEquals(
        RestartStrategies.fixedDelayRestart(3, 7000L), env.getConfig().getRestartStrategy());
    assertEquals(18081, env.getConfiguration().get(RestOptions.PORT));
    assertEquals("remote", env.getConfiguration().get(DeploymentOptions.TARGET));
    assertTrue(env.getConfiguration().get(PipelineOptions.JARS).get(0).endsWith("job.jar"));
  }

  @Test
  void zeroRestartsIsNoRestart() throws Exception {
    ExecutionEnvironment env =
        optionsAndEnvironment("http://localhost:8081", new Runners.Restarts(0, 2));
    assertEquals(RestartStrategies.noRestart(), env.getConfig().getRestartStrategy());
    assertEquals(8081, env.getConfiguration().get(RestOptions.PORT));
  }

  @Test
  void aSecondRunInTheSameJvmGetsItsOwnEnvironment() throws Exception {
    ExecutionEnvironment first = optionsAndEnvironment("127.0.0.1:18081", Runners.Restarts.DEFAULT);
    ExecutionEnvironment second =
        optionsAndEnvironment("127.0.0.1:18082", new Runners.Restarts(1, 1));
    assertTrue(first != second);
    assertEquals(
        RestartStrategies.fixedDelayRestart(1, 1000L), second.getConfig().getRestartStrategy());
  }

  @Test
  void badMastersAndSettingsAreConfigErrors() throws Exception {
    Path jar = jar();
    System.setProperty("sluice.jobJar", jar.toString());
    assertThrows(
        Config.ConfigException.class,
        () -> Runners.options("flink", "localhost", 2, Runners.Restarts.DEFAULT));
    assertThrows(
        Config.ConfigException.class,
        () -> Runners.options("flink", ":8081", 2, Runners.Restarts.DEFAULT));
    assertThrows(Config.ConfigException.class, () -> new Runners.Restarts(-1, 2));
    assertThrows(Config.ConfigException.class, () -> new Runners.Restarts(2, -1));
  }

  @Test
  void failureMessagesSayWhyFlinkGaveUp() {
    RuntimeException lost =
        new RuntimeException(
            "pipeline",
            new RuntimeException(
                "Recovery is suppressed by NoRestartBackoffTimeStrategy",
                new RuntimeException(
                    "Connecting to remote task manager has failed. This might indicate that the remote task manager has been"
                        + " lost.",
                    new java.net.ConnectException("Connection refused"))));
    assertEquals(
        "Flink did not restart the job (--restarts 0); a TaskManager was lost; cause: ConnectException:"
            + " Connection refused",
        Curation.rootMessage(lost));
    RuntimeException exhausted =
        new RuntimeException(
            new RuntimeException(
                "Recovery is suppressed by"
                    + " FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=5, backoffTimeMS=2000)",
                new IllegalStateException("boom")));
    assertEquals(
        "Flink gave up restarting the job (FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=5,"
            + " backoffTimeMS=2000); raise --restarts); cause: IllegalStateException: boom",
        Curation.rootMessage(exhausted));
    RuntimeException unreachable =
        new RuntimeException(
            new RuntimeException(
                "Recovery is suppressed by NoRestartBackoffTimeStrategy",
                new IllegalStateException(
                    "TaskManager with id 127.0.0.1:46029-4f541e is no longer reachable.")));
    assertEquals(
        "Flink did not restart the job (--restarts 0); a TaskManager was lost; cause: IllegalStateException:"
            + " TaskManager with id 127.0.0.1:46029-4f541e is no longer reachable.",
        Curation.rootMessage(unreachable));
    // as CI saw it once: the JobManager tried to deploy a task to the TaskManager just killed
    String rpc =
        "Could not send message [RemoteRpcInvocation(TaskExecutorGateway.submitTask(TaskDeploymentDescriptor,"
            + " JobMasterId, Time))] from sender [Actor[pekko://flink/temp/taskmanager_0$jg]] to recipient"
            + " [Actor[pekko.tcp://flink@127.0.0.1:40039/user/rpc/taskmanager_0#-1460815467]], because the recipient is"
            + " unreachable. This can either mean that the recipient has been terminated or that the remote RpcService is"
            + " currently not reachable.";
    RuntimeException deploy =
        new RuntimeException(
            new RuntimeException(
                "Recovery is suppressed by NoRestartBackoffTimeStrategy",
                new IllegalStateException(rpc)));
    assertEquals(
        "Flink did not restart the job (--restarts 0); a TaskManager was lost; cause: IllegalStateException: "
            + rpc,
        Curation.rootMessage(deploy));
    assertEquals(
        "IllegalStateException: plain",
        Curation.rootMessage(new RuntimeException(new IllegalStateException("plain"))));
  }
}
