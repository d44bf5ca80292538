package dev.switchboard.error;

import java.time.Duration;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.switchboard.support.LogThrottle;
import io.quarkus.logging.Log;

/** Global mappers: every error leaves as {@link ErrorResponse} JSON with the right status. */
public class ExceptionMappers {

  // during a Redis outage every request fails the same way: one line per error code every 10 s is enough
  private static final LogThrottle SERVER_ERRORS = new LogThrottle(Duration.ofSeconds(10));

  @ServerExceptionMapper
  public RestResponse<ErrorResponse> api(ApiException e) {
    log(e);
    // any int status: Status.fromStatusCode knows neither 422 nor 429
    RestResponse.ResponseBuilder<ErrorResponse> response = RestResponse.ResponseBuilder.<ErrorResponse>create(e.status())
        .entity(body(e));
    e.headers().forEach(response::header);
    return response.build();
  }

  /**
   * For routes served outside Quarkus REST (the webhook intake): the refusal any failure is answered with, logged as
   * these mappers log it, so both kinds of endpoint answer and log alike.
   */
  public static ApiException refusal(Throwable e) {
    if (e instanceof ApiException api) {
      log(api);
      return api;
    }
    if (isRedisUnavailable(e)) {
      Log.debugf(e, "Request failed: Redis unavailable");
      ApiException unavailable = redisUnavailable();
      log(unavailable);
      return unavailable;
    }
    logUnexpected(e);
    return new ApiException(500, "internal_error", "An unexpected error occurred");
  }

  public static ErrorResponse body(ApiException e) {
    return new ErrorResponse(e.code(), e.getMessage(), e.details());
  }

  private static void log(ApiException e) {
    if (e.status() >= 500) {
      if (SERVER_ERRORS.allow(e.code())) {
        Log.warnf("Request failed: %s %s (further ones with this code are logged at debug level for 10 s)", e.code(), e.getMessage());
      } else {
        Log.debugf("Request failed: %s %s", e.code(), e.getMessage());
      }
    } else {
      Log.debugf("Request refused: %s %s", e.code(), e.getMessage());
    }
  }

  @ServerExceptionMapper
  public RestResponse<ErrorResponse> web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    Status known = Status.fromStatusCode(status);
    String code = known == null ? "http_" + status : known.name().toLowerCase(java.util.Locale.ROOT);
    String message = known == null ? "HTTP " + status : known.getReasonPhrase();
    return RestResponse.status(known == null ? Status.INTERNAL_SERVER_ERROR : known, ErrorResponse.of(code, message));
  }

  @ServerExceptionMapper
  public RestResponse<ErrorResponse> unexpected(Throwable e) {
    if (isRedisUnavailable(e)) {
      // a Redis outage fails every request alike: 503 so clients retry, one line per 10 s for the operator
      Log.debugf(e, "Request failed: Redis unavailable");
      return api(redisUnavailable());
    }
    logUnexpected(e);
    return RestResponse.status(Status.INTERNAL_SERVER_ERROR, ErrorResponse.of("internal_error", "An unexpected error occurred"));
  }

  private static ApiException redisUnavailable() {
    return ApiException.retryAfter(503, "unavailable", "Redis is unavailable; retry later", null, 1000);
  }

  /** Quarkus REST does not log mapped exceptions; an unexpected one must reach the operator's log. */
  private static void logUnexpected(Throwable e) {
    if (SERVER_ERRORS.allow("internal_error")) {
      Log.errorf(e, "Unexpected failure while handling a request (further ones are logged at debug level for 10 s)");
    } else {
      Log.debugf(e, "Unexpected failure while handling a request");
    }
  }

  /**
   * Connection loss, refusal or a timeout on the way to Redis, anywhere in the cause chain. A connection closed under
   * a command in flight fails with a plain VertxException "Connection is closed", hence the message check.
   */
  static boolean isRedisUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.io.IOException || t instanceof io.smallrye.mutiny.TimeoutException
          || t instanceof java.util.concurrent.TimeoutException || t.getClass().getName().startsWith("io.vertx.redis.")
          || "CONNECTION_CLOSED".equals(t.getMessage()) || "Connection is closed".equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }
}
