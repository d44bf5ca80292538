package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RequiredSettingsTest {

  @Test
  void shouldFindNothingMissingWhenRedisAndTheWebhookSecretsAreSet() {
    Map<String, String> set = Map.of("quarkus.redis.queue.hosts", "redis://r:6379", "quarkus.redis.queue-reader.hosts", "redis://r:6379",
        "quarkus.redis.cache.hosts", "redis://c:6379", "switchboard.webhook.verify-token", "v", "switchboard.webhook.app-secrets", "s");

    assertThat(RequiredSettings.missing(name -> Optional.ofNullable(set.get(name)))).isEmpty();
  }

  @Test
  void shouldAcceptAHostsProviderInsteadOfHosts() {
    Map<String, String> set = Map.of("quarkus.redis.queue.hosts-provider-name", "p", "quarkus.redis.queue-reader.hosts-provider-name", "p",
        "quarkus.redis.cache.hosts-provider-name", "p", "switchboard.webhook.verify-token", "v", "switchboard.webhook.app-secrets", "s");

    assertThat(RequiredSettings.missing(name -> Optional.ofNullable(set.get(name)))).isEmpty();
  }

  @Test
  void shouldDeriveTheEnvironmentVariableAsMicroProfileConfigDoes() {
    assertThat(RequiredSettings.envName("switchboard.webhook.app-secrets")).isEqualTo("SWITCHBOARD_WEBHOOK_APP_SECRETS");
    assertThat(RequiredSettings.envName("quarkus.redis.queue-reader.hosts")).isEqualTo("QUARKUS_REDIS_QUEUE_READER_HOSTS");
  }
}
