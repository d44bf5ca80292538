package dev.switchboard.tenant;

import java.util.Optional;

/**
 * A registry tenant changed on this replica (fired by {@link TenantSync} after it applied the change, on every
 * replica). Observers must not block: they are called on the thread that applied it.
 *
 * @param before the tenant as it was, empty when it is new
 * @param after the tenant as it is now, empty when it was purged
 */
public record TenantChange(String id, Optional<Tenant> before, Optional<Tenant> after) {

  /** What happens to queued sends changed (e.g. a disabled tenant was enabled). */
  public boolean queuedSendsChanged() {
    return !before.map(Tenant::queuedSends).equals(after.map(Tenant::queuedSends));
  }
}
