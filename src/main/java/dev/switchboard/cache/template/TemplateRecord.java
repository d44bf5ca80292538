package dev.switchboard.cache.template;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A created template as kept in Redis ({@code <prefix>:cache:template:<key>:<hash>}, the template TTL): what it was
 * created for (key and data hash), the creator's template id and source, when, and the template itself.
 * {@link RegisterForReflection}: stored by Jackson outside REST.
 */
@RegisterForReflection
public record TemplateRecord(String key, String hash, String templateId, String source, Instant createdAt, JsonNode template) {
}
