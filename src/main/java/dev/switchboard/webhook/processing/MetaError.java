package dev.switchboard.webhook.processing;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An error Meta reported inside a delivery (on the change, a message or a status). Every field is optional.
 * {@link RegisterForReflection}: stored as JSON in conversation histories and read back in the native image.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetaError(Integer code, String title, String details) {
}
