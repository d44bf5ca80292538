package dev.switchboard.booking;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.ReminderSettings;
import dev.switchboard.config.ReminderSettings.TenantTemplates;
import dev.switchboard.send.SendJob;

/**
 * Which WhatsApp template a reminder sends: the request's, else the tenant's default for the reminder type, else the
 * service-wide default ({@code switchboard.reminders.template.*}); the language likewise. Resolved when the reminder
 * is sent, so a corrected default also reaches reminders already scheduled. A template without components gets one
 * body component with two text parameters: the service name and the service date, in the offset the request gave.
 */
@ApplicationScoped
public class ReminderTemplates {

  private final SwitchboardConfig config;
  private final ObjectMapper mapper;
  private final DateTimeFormatter dateFormat;

  public ReminderTemplates(SwitchboardConfig config, ObjectMapper mapper) {
    this.config = config;
    this.mapper = mapper;
    this.dateFormat = DateTimeFormatter.ofPattern(config.reminders().dateFormat());
  }

  /** The template message for the reminder, components filled in. */
  public SendJob.Template resolve(Reminder reminder) {
    SendJob.Template named = name(reminder);
    if (named.components() != null && !named.components().isEmpty()) {
      return named;
    }
    ObjectNode body = this.mapper.createObjectNode().put("type", "body");
    ArrayNode parameters = body.putArray("parameters");
    parameters.addObject().put("type", "text").put("text", reminder.serviceName());
    parameters.addObject().put("type", "text").put("text", this.dateFormat.format(OffsetDateTime.parse(reminder.serviceDate())));
    return new SendJob.Template(named.name(), named.language(), this.mapper.createArrayNode().add(body));
  }

  /** The template's name and language, components as the request gave them (or null). */
  public SendJob.Template name(Reminder reminder) {
    SendJob.Template requested = requested(reminder);
    Optional<TenantTemplates> own = Optional.ofNullable(this.config.tenants().get(reminder.tenant()))
        .map(tenant -> tenant.reminders().template());
    ReminderSettings.Templates defaults = this.config.reminders().template();
    String name = requested != null ? requested.name() : switch (reminder.type()) {
      case DAY_BEFORE -> own.flatMap(TenantTemplates::dayBefore).orElse(defaults.dayBefore());
      case HOUR_BEFORE -> own.flatMap(TenantTemplates::hourBefore).orElse(defaults.hourBefore());
      case CUSTOM -> own.flatMap(TenantTemplates::custom).orElse(defaults.custom());
    };
    String language = requested != null && requested.language() != null ? requested.language()
        : own.flatMap(TenantTemplates::language).orElse(defaults.language());
    return new SendJob.Template(name, language, requested == null ? null : requested.components());
  }

  private SendJob.Template requested(Reminder reminder) {
    if (reminder.template() == null) {
      return null;
    }
    try {
      return this.mapper.readValue(reminder.template(), SendJob.Template.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored template of a reminder is not valid JSON", e);
    }
  }
}
