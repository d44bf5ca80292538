package dev.switchboard.tenant;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One API token of a tenant, as stored: never the token, only its SHA-256 digest, plus a short id that names it in
 * the admin API (the first 16 hex digits of the digest: they say nothing usable about the token). Written to Redis
 * with Jackson outside REST, hence {@link RegisterForReflection}.
 *
 * @param expiresAt epoch ms after which it is refused, or 0 for never
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record ApiToken(@JsonProperty("d") String digest, @JsonProperty("c") long createdAt, @JsonProperty("e") long expiresAt) {

  public String id() {
    return this.digest.substring(0, 16);
  }

  public boolean validAt(long nowMillis) {
    return this.expiresAt == 0 || nowMillis < this.expiresAt;
  }

  public ApiToken expiringAt(long millis) {
    return new ApiToken(this.digest, this.createdAt, millis);
  }

  public Instant expiresAtInstant() {
    return this.expiresAt == 0 ? null : Instant.ofEpochMilli(this.expiresAt);
  }
}
