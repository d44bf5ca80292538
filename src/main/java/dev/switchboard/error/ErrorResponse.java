package dev.switchboard.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one error shape of the HTTP API: a stable machine code, a sentence for humans and optional details
 * (for example the field that failed validation). Never a Java class name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, String message, Object details) {

  public static ErrorResponse of(String error, String message) {
    return new ErrorResponse(error, message, null);
  }
}
