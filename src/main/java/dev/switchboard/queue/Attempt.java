package dev.switchboard.queue;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One failed attempt of a job, as fail.lua kept it (the job hash keeps the last ten). */
@RegisterForReflection
public record Attempt(int attempt, Instant at, String error, String errorClass, String stack) {
}
