package dev.switchboard.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** {@code switchboard.reminders.*}, and a tenant's own {@code switchboard.tenants.<id>.reminders.*}. */
public interface ReminderSettings {

  /** Templates used when a reminder request names none and its tenant has no default of its own */
  Templates template();

  /**
   * Pattern ({@link java.time.format.DateTimeFormatter}) of the service date in a default template's parameters,
   * written in the offset the request gave. Defaults to {@code yyyy-MM-dd HH:mm}
   */
  @WithDefault("yyyy-MM-dd HH:mm")
  String dateFormat();

  /** How long a reminder stays readable after its send time or service date, whichever is later. Defaults to {@code 7d} */
  @WithDefault("7d")
  Duration retention();

  interface Templates {
    /** WhatsApp template of {@code day_before} reminders. Defaults to {@code booking_reminder_day_before} */
    @WithDefault("booking_reminder_day_before")
    String dayBefore();

    /** WhatsApp template of {@code hour_before} reminders. Defaults to {@code booking_reminder_hour_before} */
    @WithDefault("booking_reminder_hour_before")
    String hourBefore();

    /** WhatsApp template of {@code custom} reminders. Defaults to {@code booking_reminder} */
    @WithDefault("booking_reminder")
    String custom();

    /** Language code of the reminder templates. Defaults to {@code en} */
    @WithDefault("en")
    String language();
  }

  /** A tenant's reminder defaults; each one left out falls back to {@code switchboard.reminders.template.*}. */
  interface OfTenant {
    TenantTemplates template();
  }

  interface TenantTemplates {
    /** Template of the tenant's {@code day_before} reminders. */
    Optional<String> dayBefore();

    /** Template of the tenant's {@code hour_before} reminders. */
    Optional<String> hourBefore();

    /** Template of the tenant's {@code custom} reminders. */
    Optional<String> custom();

    /** Language code of the tenant's reminder templates. */
    Optional<String> language();
  }
}
