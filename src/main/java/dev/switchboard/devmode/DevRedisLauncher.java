package dev.switchboard.devmode;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Dev mode only: when no Redis URL was given, starts a private Redis so that {@code ./mvnw quarkus:dev}
 * works on a machine with nothing installed. The server outlives live reloads and stops with the JVM.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DevRedisLauncher {

  private static LocalRedisServer server;

  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, SwitchboardConfig config) {
    int port = config.dev().embeddedRedisPort();
    String hosts = ConfigProvider.getConfig().getOptionalValue("quarkus.redis.hosts", String.class).orElse("");
    boolean pointsAtDevPort = hosts.equals("redis://127.0.0.1:" + port);
    if (!config.dev().embeddedRedis() || !pointsAtDevPort) {
      Log.infof("Dev mode uses the configured Redis; no private Redis started");
      return;
    }
    synchronized (DevRedisLauncher.class) {
      if (LocalRedisServer.answersPing(port)) {
        Log.infof("Dev mode reuses the Redis already answering on port %d", port);
        return;
      }
      if (server == null) {
        server = new LocalRedisServer(port, List.of());
      }
      server.start();
    }
  }
}
