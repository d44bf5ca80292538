package dev.switchboard.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A tenant as the admin API, the CLI and the dashboard show it: everything but secrets. The Graph token shows only
 * whether it is set, under which key it is encrypted and when it changed; API tokens only their ids and deadlines.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantView(String id, String displayName, String source, String state, String queuedSends, String phoneNumberId,
    String wabaId, AccessToken accessToken, List<Token> apiTokens, int rateLimit, int maxConcurrency, Integer apiRateLimit,
    Instant createdAt, Instant updatedAt, Instant purgeAt) {

  /** Whether a Graph access token is set; never the token. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AccessToken(boolean set, String keyId, Instant updatedAt) {
  }

  /** One API token by its id (a prefix of its digest), with its deadline if it has one. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Token(String id, Instant createdAt, Instant expiresAt) {
  }

  static TenantView of(TenantRecord record, long now) {
    String keyId = record.accessToken() == null ? null : record.accessToken().substring(0, Math.max(0, record.accessToken().indexOf(':')));
    return new TenantView(record.id(), record.displayName(), "registry", name(record.state()), name(record.queuedSends()),
        record.phoneNumberId(), record.wabaId(), new AccessToken(record.accessToken() != null, keyId, instant(record.accessTokenUpdatedAt())),
        tokens(record.validTokens(now)), record.rateLimit(), record.maxConcurrency(), record.apiRateLimit(), instant(record.createdAt()),
        instant(record.updatedAt()), instant(record.purgeAt()));
  }

  static TenantView of(TenantEntry configured) {
    Tenant t = configured.tenant();
    return new TenantView(t.id(), t.displayName(), "config", name(t.state()), name(t.queuedSends()), t.phoneNumberId().orElse(null),
        t.wabaId().orElse(null), new AccessToken(t.accessToken().isPresent(), null, null), tokens(configured.apiTokens()), t.rateLimit(),
        t.maxConcurrency(), t.apiRateLimit().orElse(null), null, null, null);
  }

  private static List<Token> tokens(List<ApiToken> tokens) {
    return tokens.stream().map(token -> new Token(token.id(), instant(token.createdAt()), token.expiresAtInstant())).toList();
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static Instant instant(long millis) {
    return millis == 0 ? null : Instant.ofEpochMilli(millis);
  }
}
