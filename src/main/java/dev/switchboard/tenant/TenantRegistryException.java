package dev.switchboard.tenant;

/** A registry operation refused for the state of the registry (the resource maps each kind to its HTTP answer). */
public class TenantRegistryException extends RuntimeException {

  /** Why. */
  public enum Kind {
    NOT_FOUND, EXISTS, READ_ONLY, DELETED, PHONE_NUMBER_TAKEN, API_TOKEN_TAKEN, TOO_MANY_TOKENS, NO_ENCRYPTION_KEY, DISABLED, BUSY
  }

  private final Kind kind;

  public TenantRegistryException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return this.kind;
  }
}
