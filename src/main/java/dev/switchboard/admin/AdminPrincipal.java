package dev.switchboard.admin;

/**
 * Who called the admin API and what they may do: the static admin token (named {@value #STATIC_TOKEN}, full rights) or
 * a JWT's subject with its role.
 */
public record AdminPrincipal(String name, Role role) {

  public static final String STATIC_TOKEN = "admin-token";

  /** The request property AdminAuth leaves the caller in, for the audit log and the resources. */
  public static final String REQUEST_PROPERTY = AdminPrincipal.class.getName();

  public enum Role {
    /** Reads and acts. */
    ADMIN,
    /** Reads only (GET and HEAD). */
    VIEWER
  }

  public boolean mayAct() {
    return this.role == Role.ADMIN;
  }
}
