package dev.switchboard.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** The running version, exposed as {@code switchboard_build_info{version=…} 1} so dashboards can show rollouts. */
@ApplicationScoped
public class BuildInfo {

  private final String version;

  // quarkus.* is Quarkus's own configuration, so it is read here rather than through SwitchboardConfig
  public BuildInfo(@ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
    this.version = version;
  }

  public String version() {
    return this.version;
  }

  void register(@Observes StartupEvent event, MeterRegistry registry) {
    Gauge.builder("switchboard.build.info", () -> 1)
        .description("Switchboard build; the value is always 1, the labels carry the information")
        .tag("version", this.version)
        .tag("java_version", System.getProperty("java.version", "unknown"))
        .strongReference(true)
        .register(registry);
  }
}
