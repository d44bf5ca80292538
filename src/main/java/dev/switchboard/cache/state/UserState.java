package dev.switchboard.cache.state;

import java.time.Instant;

/** A customer's state with one tenant (whatever the tenant's flows keep: a booking in progress, a menu position). */
public record UserState<T>(String tenant, String phone, T data, Instant updatedAt) {
}
