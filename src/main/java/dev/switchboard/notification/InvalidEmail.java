package dev.switchboard.notification;

/** An e-mail that can never be sent as asked: the field and why. Permanent, whoever finds it. */
public class InvalidEmail extends RuntimeException {

  private final String field;
  private final String reason;

  public InvalidEmail(String field, String reason) {
    super(field + " " + reason, null, false, false);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return this.field;
  }

  public String reason() {
    return this.reason;
  }
}
