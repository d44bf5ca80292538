package dev.switchboard.tenant;

import java.util.List;

/**
 * A registry tenant as stored in Redis ({@code sb:{tenants}:tenant:<id>}), the Graph access token encrypted.
 *
 * @param accessToken the Graph access token as {@code <key id>:<ciphertext>}, or null
 * @param apiRateLimit requests per second on the send API, or null for the default
 * @param purgeAt for a deleted tenant, when its tombstone is removed (epoch ms); 0 otherwise
 * @param rev revision, raised by every write (an update names the one it read, so concurrent writes cannot mix)
 */
public record TenantRecord(String id, String displayName, String phoneNumberId, String wabaId, String accessToken,
    long accessTokenUpdatedAt, List<ApiToken> apiTokens, int rateLimit, int maxConcurrency, Integer apiRateLimit,
    Tenant.State state, Tenant.QueuedSends queuedSends, long createdAt, long updatedAt, long purgeAt, long rev) {

  public TenantRecord {
    apiTokens = List.copyOf(apiTokens);
  }

  /** The fields an admin can change: name, numbers and limits. */
  public record Profile(String displayName, String phoneNumberId, String wabaId, int rateLimit, int maxConcurrency,
      Integer apiRateLimit) {
  }

  public Profile profile() {
    return new Profile(this.displayName, this.phoneNumberId, this.wabaId, this.rateLimit, this.maxConcurrency, this.apiRateLimit);
  }

  public TenantRecord withProfile(Profile p, long now) {
    return new TenantRecord(this.id, p.displayName(), p.phoneNumberId(), p.wabaId(), this.accessToken, this.accessTokenUpdatedAt,
        this.apiTokens, p.rateLimit(), p.maxConcurrency(), p.apiRateLimit(), this.state, this.queuedSends, this.createdAt, now,
        this.purgeAt, this.rev);
  }

  public TenantRecord withAccessToken(String ciphertext, long now) {
    return new TenantRecord(this.id, this.displayName, this.phoneNumberId, this.wabaId, ciphertext, ciphertext == null ? 0 : now,
        this.apiTokens, this.rateLimit, this.maxConcurrency, this.apiRateLimit, this.state, this.queuedSends, this.createdAt, now,
        this.purgeAt, this.rev);
  }

  /** Same token, another ciphertext (re-encryption): the token's own update time stays. */
  public TenantRecord withCiphertext(String ciphertext, long now) {
    return new TenantRecord(this.id, this.displayName, this.phoneNumberId, this.wabaId, ciphertext, this.accessTokenUpdatedAt,
        this.apiTokens, this.rateLimit, this.maxConcurrency, this.apiRateLimit, this.state, this.queuedSends, this.createdAt, now,
        this.purgeAt, this.rev);
  }

  public TenantRecord withApiTokens(List<ApiToken> tokens, long now) {
    return new TenantRecord(this.id, this.displayName, this.phoneNumberId, this.wabaId, this.accessToken, this.accessTokenUpdatedAt,
        tokens, this.rateLimit, this.maxConcurrency, this.apiRateLimit, this.state, this.queuedSends, this.createdAt, now,
        this.purgeAt, this.rev);
  }

  public TenantRecord withState(Tenant.State newState, Tenant.QueuedSends queued, long purge, long now) {
    return new TenantRecord(this.id, this.displayName, this.phoneNumberId, this.wabaId, this.accessToken, this.accessTokenUpdatedAt,
        this.apiTokens, this.rateLimit, this.maxConcurrency, this.apiRateLimit, newState, queued, this.createdAt, now, purge,
        this.rev);
  }

  /** The API tokens still valid at {@code now}. */
  public List<ApiToken> validTokens(long now) {
    return this.apiTokens.stream().filter(token -> token.validAt(now)).toList();
  }

  @Override
  public String toString() {
    return "TenantRecord[" + this.id + " rev " + this.rev + "]";
  }
}
