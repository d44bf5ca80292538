package dev.switchboard.admin.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One admin action: who (the static token's name or a JWT's subject) and in which role, what (method and path), on which
 * queue and job, the answer's status and the count it reported (jobs retried, removed, cleaned…).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(Instant at, String who, String role, String action, String queue, String job, int status, Long count) {
}
