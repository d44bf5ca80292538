package dev.switchboard.cache.auth;

import java.util.Set;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Who a token stands for: a subject (user, API client), its tenant (null for operators) and roles. */
@RegisterForReflection
public record CachedPrincipal(String subject, String tenant, Set<String> roles) {
}
