package dev.switchboard.cache.template;

import java.time.Instant;

/** A template and how getOrCreate got it: {@code hit} true when it was cached, false when it had to be created. */
public record TemplateResult<T>(T template, boolean hit, String hash, String templateId, String source, Instant createdAt) {
}
