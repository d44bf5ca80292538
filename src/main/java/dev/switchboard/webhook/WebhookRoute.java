package dev.switchboard.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.error.ApiException;
import dev.switchboard.error.ExceptionMappers;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /webhooks/whatsapp} on a plain Vert.x route, ahead of Quarkus REST: the hottest path of the service,
 * where the handler chain of Quarkus REST cost more CPU than the intake's own checks (see bench/README.md). It
 * answers exactly as the REST resource did: the same statuses, {@code WebhookAck} or {@code ErrorResponse} JSON, log
 * lines and metrics, all decided by {@link WebhookIntake}. The body is read up to
 * {@code switchboard.webhook.max-body-size} and no further. Described in {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class WebhookRoute {

  static final String PATH = "/webhooks/whatsapp";
  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
  private static final String JSON = "application/json;charset=UTF-8";

  private final WebhookIntake intake;
  private final ObjectMapper mapper;

  public WebhookRoute(WebhookIntake intake, ObjectMapper mapper) {
    this.intake = intake;
    this.mapper = mapper;
  }

  void register(@Observes Router router) {
    router.post(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::receive);
  }

  private void receive(RoutingContext context) {
    HttpServerRequest request = context.request();
    String signature = request.getHeader(SIGNATURE_HEADER);
    long declared = declaredLength(request);
    if (declared > this.intake.maxBodySize()) {
      refuseUnread(request, declared); // the body is never read: no buffer of an attacker's size
      return;
    }
    Buffer body = Buffer.buffer(declared > 0 ? (int) declared : 2048);
    long[] received = { 0 };
    request.handler(chunk -> {
      received[0] += chunk.length();
      if (received[0] > this.intake.maxBodySize()) {
        if (received[0] - chunk.length() <= this.intake.maxBodySize()) {
          refuseUnread(request, received[0]); // no length declared (chunked): refused once the limit is passed
        }
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(failure -> Log.debugf("Webhook delivery not read to its end: %s", failure.toString()));
    request.endHandler(ignored -> {
      if (received[0] > this.intake.maxBodySize()) {
        return;
      }
      Uni<WebhookAck> accepted;
      try {
        accepted = this.intake.accept(body.getBytes(), signature);
      } catch (RuntimeException e) { // a bug, answered 500 as Quarkus REST would
        refuse(request.response(), e);
        return;
      }
      accepted.subscribe().with(ack -> answer(request.response(), 200, ack), failure -> refuse(request.response(), failure));
    });
  }

  /** Answers 413 without reading the rest of the body, then closes an HTTP/1 connection, whose next bytes would be that body. */
  private void refuseUnread(HttpServerRequest request, long bytes) {
    HttpServerResponse response = request.response();
    boolean http1 = request.version() != HttpVersion.HTTP_2;
    if (http1) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    this.intake.tooLarge(bytes).subscribe().with(ack -> answer(response, 200, ack), failure -> refuse(response, failure)
        .onComplete(ignored -> {
          if (http1) {
            request.connection().close();
          }
        }));
  }

  private Future<Void> refuse(HttpServerResponse response, Throwable failure) {
    ApiException refusal = ExceptionMappers.refusal(failure);
    refusal.headers().forEach(response::putHeader);
    return answer(response, refusal.status(), ExceptionMappers.body(refusal));
  }

  private Future<Void> answer(HttpServerResponse response, int status, Object entity) {
    if (response.ended() || response.closed()) {
      return Future.succeededFuture(); // the caller went away; Meta delivers again, the processor drops duplicates
    }
    byte[] json;
    try {
      json = this.mapper.writeValueAsBytes(entity);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("WebhookAck and ErrorResponse always serialise", e);
    }
    return response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(json));
  }

  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1; // Vert.x refuses a malformed Content-Length before any route runs
    }
  }
}
