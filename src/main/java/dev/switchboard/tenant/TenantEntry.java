package dev.switchboard.tenant;

import java.util.List;

/**
 * A tenant as every replica holds it in memory: what the request path needs ({@link Tenant}) and its API token
 * digests with their deadlines.
 *
 * @param purgeAt for a deleted tenant, when its tombstone goes (epoch ms); 0 otherwise
 * @param createdAt with {@code rev}, orders versions of one tenant: a re-created tenant is newer than its tombstone
 * @param rev the stored revision (0 for configured tenants)
 */
public record TenantEntry(Tenant tenant, List<ApiToken> apiTokens, long purgeAt, long createdAt, long rev) {

  public TenantEntry {
    apiTokens = List.copyOf(apiTokens);
  }

  public String id() {
    return this.tenant.id();
  }

  /** Whether this is a later version of the same tenant than {@code other} (or the same one). */
  public boolean supersedes(TenantEntry other) {
    return this.createdAt > other.createdAt || this.createdAt == other.createdAt && this.rev >= other.rev;
  }
}
