package dev.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.config.SwitchboardConfig.Webhook.WrongObject;
import dev.switchboard.error.ApiException;
import dev.switchboard.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** Intake's refusals without a server: the paths that end before anything is queued. */
class WebhookIntakeRulesTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final SignatureVerifier verifier = new SignatureVerifier(List.of(TestSettings.APP_SECRET));

  @Test
  void shouldRejectAnotherObjectWith400WhenConfiguredTo() {
    WebhookIntake intake = new WebhookIntake(this.verifier, null, new WebhookMetrics(this.registry), 1024 * 1024, Duration.ofSeconds(2),
        WrongObject.REJECT);
    byte[] body = Deliveries.fixture("14_malformed_wrong_object.json");
    ApiException refusal = (ApiException) intake.accept(body, Deliveries.sign(body))
        .subscribe().withSubscriber(UniAssertSubscriber.create()).assertFailedWith(ApiException.class).getFailure();
    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.code()).isEqualTo("unsupported_object");
    assertThat(this.registry.counter("switchboard.webhook.deliveries", "outcome", "malformed").count()).isEqualTo(1.0);
  }

  @Test
  void shouldIgnoreAnotherObjectWith200ByDefault() {
    WebhookIntake intake = new WebhookIntake(this.verifier, null, new WebhookMetrics(this.registry), 1024 * 1024, Duration.ofSeconds(2),
        WrongObject.IGNORE);
    byte[] body = Deliveries.fixture("14_malformed_wrong_object.json");
    intake.accept(body, Deliveries.sign(body)).subscribe().withSubscriber(UniAssertSubscriber.create())
        .assertItem(new WebhookAck("ignored", null));
    assertThat(this.registry.counter("switchboard.webhook.deliveries", "outcome", "ignored").count()).isEqualTo(1.0);
  }

  @Test
  void shouldCheckTheSizeBeforeTheSignature() {
    WebhookIntake intake = new WebhookIntake(this.verifier, null, new WebhookMetrics(this.registry), 100, Duration.ofSeconds(2),
        WrongObject.IGNORE);
    byte[] body = Deliveries.fixture("01_text_message.json");
    ApiException refusal = (ApiException) intake.accept(body, null)
        .subscribe().withSubscriber(UniAssertSubscriber.create()).assertFailedWith(ApiException.class).getFailure();
    assertThat(refusal.status()).isEqualTo(413);
  }
}
