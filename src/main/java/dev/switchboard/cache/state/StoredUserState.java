package dev.switchboard.cache.state;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A user state as stored: {@code updatedAt} (epoch ms) is read by the cleanup script too.
 * {@link RegisterForReflection}: written to Redis by Jackson outside REST.
 */
@RegisterForReflection
record StoredUserState(String tenant, String phone, JsonNode data, long updatedAt) {
}
