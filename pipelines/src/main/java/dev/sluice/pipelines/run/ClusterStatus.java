package dev.sluice.pipelines.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line status of the job this process submitted to a cluster, read from Flink's REST API (the same numbers as
 * the web UI): its state, tasks finished of all, and restarts so far. The records themselves are counted on the
 * TaskManagers, out of this process's sight; the web UI's Accumulators tab shows Sluice's counters.
 */
public final class ClusterStatus {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The status, or a note that the job is not submitted yet; null when this process submitted to no cluster. */
  public String line() {
    String base = ClusterEnvironment.restEndpoint();
    if (base == null) return null;
    String jid = ClusterEnvironment.submittedJob();
    if (jid == null) return "building and submitting the job to " + base;
    try {
      JsonNode job = null;
      for (JsonNode j : get(base + "/jobs/overview").path("jobs")) {
        if (jid.equals(j.path("jid").asText())) job = j;
      }
      if (job == null) return "job " + jid.substring(0, 8) + " submitted to " + base;
      JsonNode tasks = job.path("tasks");
      String line =
          String.format(
              Locale.ROOT,
              "job %s %s: %d of %d tasks finished, %d running",
              jid.substring(0, 8),
              job.path("state").asText(),
              tasks.path("finished").asInt(),
              tasks.path("total").asInt(),
              tasks.path("running").asInt());
      long restarts = 0;
      for (JsonNode m : get(base + "/jobs/" + jid + "/metrics?get=numRestarts")) {
        restarts = Math.max(restarts, m.path("value").asLong());
      }
      return restarts > 0
          ? line + ", " + restarts + (restarts == 1 ? " restart" : " restarts")
          : line;
    } catch (java.io.IOException e) {
      return "job "
          + jid.substring(0, 8)
          + ": no answer from "
          + base
          + " ("
          + e.getClass().getSimpleName()
          + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private JsonNode get(String url) throws java.io.IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new java.io.IOException("HTTP " + r.statusCode());
    return JSON.readTree(r.body());
  }
}
