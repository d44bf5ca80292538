package dev.switchboard.cache.auth;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A token's cache entry: its principal, or none when the token is invalid ({@code revoked} false: a verifier said
 * so) or was revoked ({@code revoked} true: the verifier must not be asked again while it lives).
 */
@RegisterForReflection
record AuthEntry(CachedPrincipal principal, boolean revoked) {
}
