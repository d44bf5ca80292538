package dev.switchboard.config;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start, before any bean touches Redis, when a required setting is missing. Quarkus prints a
 * {@link ConfigurationException}'s message alone (no stack trace) and exits with status 1, so the operator reads
 * one line per missing setting instead of the first failing bean's trace.
 */
@ApplicationScoped
public class StartupCheck {

  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) StartupEvent event, Config config) {
    List<String> missing = RequiredSettings.missing(property -> value(config, property));
    if (!missing.isEmpty()) {
      throw new ConfigurationException(String.join(System.lineSeparator(), missing));
    }
  }

  /** A property's value; an unset or blank one, or one referring to an unset variable (${REDIS_URL}), is empty. */
  private static Optional<String> value(Config config, String property) {
    try {
      return config.getOptionalValue(property, String.class).map(String::trim).filter(value -> !value.isEmpty());
    } catch (NoSuchElementException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
