package dev.switchboard.error;

import java.util.Map;

/** A failure with a known HTTP status and error code, raised by services and mapped to {@link ErrorResponse}. */
public class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final transient Object details;

  public ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ApiException(int status, String code, String message, Object details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
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
  public java.util.Map<String, String> headers() {
    return Map.of();
  }
}
