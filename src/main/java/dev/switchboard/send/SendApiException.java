package dev.switchboard.send;

import java.util.Map;

import dev.switchboard.error.ApiException;

/** An API error of the send path that carries response headers ({@code Retry-After}). */
public class SendApiException extends ApiException {

  private final transient Map<String, String> headers;

  public SendApiException(int status, String code, String message, Object details, Map<String, String> headers) {
    super(status, code, message, details);
    this.headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** 429 (or 503) with {@code Retry-After} in whole seconds, at least one. */
  public static SendApiException retryAfter(int status, String code, String message, Object details, long retryAfterMillis) {
    long seconds = Math.max(1, (retryAfterMillis + 999) / 1000);
    return new SendApiException(status, code, message, details, Map.of("Retry-After", Long.toString(seconds)));
  }

  @Override
  public Map<String, String> headers() {
    return this.headers;
  }
}
