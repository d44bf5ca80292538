package dev.switchboard.send.graph;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.send.SendJob;
import dev.switchboard.send.SendMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * The WhatsApp Cloud API send call, {@code POST {base}/{version}/{phone-number-id}/messages} with the tenant's
 * access token, on the Vert.x HTTP client (non-blocking, pooled keep-alive connections). Answers the message id
 * (wamid) or fails with a {@link GraphException}.
 */
@ApplicationScoped
public class GraphClient {

  private final HttpClient client;
  private final ObjectMapper mapper;
  private final SendMetrics metrics;
  private final String host;
  private final int port;
  private final boolean ssl;
  private final String pathPrefix;
  private final Duration timeout;

  public GraphClient(Vertx vertx, ObjectMapper mapper, SendMetrics metrics, SwitchboardConfig config) {
    this.mapper = mapper;
    this.metrics = metrics;
    URI base = URI.create(config.graph().baseUrl());
    this.ssl = "https".equalsIgnoreCase(base.getScheme());
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : (this.ssl ? 443 : 80);
    String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
    this.pathPrefix = path + "/" + config.graph().version();
    this.timeout = config.graph().timeout();
    HttpClientOptions options = new HttpClientOptions()
        .setSsl(this.ssl)
        .setVerifyHost(true)
        .setKeepAlive(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, this.timeout.toMillis()))
        .setIdleTimeout(60)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.graph().maxConnections()));
  }

  /** Sends one message from {@code phoneNumberId}; answers its wamid. */
  public Uni<String> send(String phoneNumberId, String accessToken, SendJob job) {
    return Uni.createFrom().deferred(() -> {
      long start = System.nanoTime();
      RequestOptions request = new RequestOptions()
          .setMethod(HttpMethod.POST)
          .setHost(this.host)
          .setPort(this.port)
          .setSsl(this.ssl)
          .setURI(this.pathPrefix + "/" + phoneNumberId + "/messages")
          .setIdleTimeout(this.timeout.toMillis())
          .putHeader("Authorization", "Bearer " + accessToken)
          .putHeader("Content-Type", "application/json")
          .putHeader("Accept", "application/json");
      Buffer body = Buffer.buffer(json(job));
      return this.client.request(request)
          .chain(req -> req.send(body))
          .chain(response -> response.body().map(payload -> answer(response.statusCode(), response.getHeader("Retry-After"), payload)))
          .ifNoItem().after(this.timeout).failWith(() -> new GraphException("no answer from the Graph API within " + this.timeout, true, null))
          .onFailure(failure -> !(failure instanceof GraphException))
          .transform(failure -> new GraphException("Graph API unreachable: " + failure.getMessage(), false, failure))
          .onItemOrFailure().invoke((wamid, failure) -> this.metrics.graphCall(Duration.ofNanos(System.nanoTime() - start),
              failure == null ? "success" : "error"));
    });
  }

  private String answer(int status, String retryAfter, Buffer payload) {
    JsonNode json = parse(payload);
    if (status / 100 == 2) {
      JsonNode id = json == null ? null : json.path("messages").path(0).get("id");
      if (id != null && id.isTextual() && !id.asText().isEmpty()) {
        return id.asText();
      }
      throw new GraphException(status, null, null, "Graph API answered " + status + " without a message id");
    }
    GraphError error = GraphError.from(json);
    // the code only: Meta's texts can quote the recipient (GraphErrors masks them for the job and the caller)
    String message = error == null ? "Graph API answered HTTP " + status : "Graph API error " + error.code() + " (HTTP " + status + ")";
    throw new GraphException(status, error, retryAfter(retryAfter), message);
  }

  private byte[] json(SendJob job) {
    try {
      return this.mapper.writeValueAsBytes(GraphMessages.body(this.mapper, job));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the message body", e);
    }
  }

  private JsonNode parse(Buffer payload) {
    try {
      return payload == null || payload.length() == 0 ? null : this.mapper.readTree(payload.getBytes());
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Retry-After in seconds (the form Graph and proxies use); an HTTP date or garbage counts as absent. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 3600));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @PreDestroy
  void close() {
    this.client.closeAndForget();
  }
}
