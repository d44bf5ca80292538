package dev.switchboard.error;

import java.util.Map;

/** A failure with a known HTTP status and error code, raised by services and mapped to {@link ErrorResponse}. */
public class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final transient Object details;
  private final transient Map<String, String> headers;

  public ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ApiException(int status, String code, String message, Object details) {
    this(status, code, message, details, Map.of());
  }

  public ApiException(int status, String code, String message, Object details, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** 429 or 503 with {@code Retry-After} in whole seconds, at least one. */
  public static ApiException retryAfter(int status, String code, String message, Object details, long retryAfterMillis) {
    long seconds = Math.max(1, (retryAfterMillis + 999) / 1000);
    return new ApiException(status, code, message, details, Map.of("Retry-After", Long.toString(seconds)));
  }

  /** 400 for one bad input: the field and the reason, in the message and as {@code details: {field, reason}}. */
  public static ApiException invalid(String field, String reason) {
    return new ApiException(400, "invalid_request", field + " " + reason, Map.of("field", field, "reason", reason));
  }

  public int status() {
    return this.status;
  }

  public String code() {
    return this.code;
  }

  public Object details() {
    return this.details;
  }

  /** Response headers that go with the error (for example {@code Retry-After} on a 429); none by default. */
  public Map<String, String> headers() {
    return this.headers;
  }
}
