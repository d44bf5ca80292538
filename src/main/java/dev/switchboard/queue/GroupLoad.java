package dev.switchboard.queue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A group's (a tenant's) jobs holding a slot against its concurrency limit, and those parked behind it. */
@RegisterForReflection
public record GroupLoad(String group, long active, int limit, long parked) {
}
