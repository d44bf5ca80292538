package dev.switchboard.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the registry's tenants are loaded: before that, their requests would get 401. */
@Readiness
@ApplicationScoped
public class TenantRegistryReadiness implements HealthCheck {

  private final TenantSync sync;

  public TenantRegistryReadiness(TenantSync sync) {
    this.sync = sync;
  }

  @Override
  public HealthCheckResponse call() {
    String notLoaded = this.sync.notLoaded();
    var response = HealthCheckResponse.named("tenant-registry").status(notLoaded == null);
    return notLoaded == null ? response.build() : response.withData("error", notLoaded).build();
  }
}
