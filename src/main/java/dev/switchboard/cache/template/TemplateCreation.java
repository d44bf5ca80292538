package dev.switchboard.cache.template;

/** What a template creator answers: the template, its id (for example the WhatsApp template name) and where it came from. */
public record TemplateCreation<T>(T template, String templateId, String source) {
}
