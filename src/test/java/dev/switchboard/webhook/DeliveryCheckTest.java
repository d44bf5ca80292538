package dev.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.switchboard.webhook.DeliveryCheck.Kind;

class DeliveryCheckTest {

  @Test
  void shouldClassifyEveryFixture() {
    for (String file : Deliveries.ACCEPTED_FIXTURES) {
      DeliveryCheck.Result result = DeliveryCheck.check(Deliveries.fixture(file));
      assertThat(result.kind()).as(file).isEqualTo(Kind.WHATSAPP);
      assertThat(result.text().getBytes(StandardCharsets.UTF_8)).as(file).isEqualTo(Deliveries.fixture(file));
    }
    assertThat(DeliveryCheck.check(Deliveries.fixture("14_malformed_wrong_object.json")).kind()).isEqualTo(Kind.OTHER_OBJECT);
    assertThat(DeliveryCheck.check(Deliveries.fixture("14_malformed_wrong_object.json")).object()).isEqualTo("page");
    assertThat(DeliveryCheck.check(Deliveries.fixture("16_malformed_truncated.json")).kind()).isEqualTo(Kind.MALFORMED);
    assertThat(DeliveryCheck.check(Deliveries.fixture("16b_empty_body.json")).kind()).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void shouldRefuseWhatIsNotOneJsonObject() {
    for (String body : new String[] { "[]", "\"x\"", "42", "{\"object\":\"whatsapp_business_account\"}{}", "{\"object\":",
        "{\"object\":\"whatsapp_business_account\",}", "not json" }) {
      assertThat(DeliveryCheck.check(body.getBytes(StandardCharsets.UTF_8)).kind()).as(body).isEqualTo(Kind.MALFORMED);
    }
    assertThat(DeliveryCheck.check(new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}' }).kind()).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void shouldReadOnlyTheTopLevelObjectField() {
    assertThat(DeliveryCheck.check("{\"entry\":[{\"object\":\"whatsapp_business_account\"}]}".getBytes(StandardCharsets.UTF_8)).kind())
        .isEqualTo(Kind.OTHER_OBJECT);
    assertThat(DeliveryCheck.check("{\"x\":{\"y\":[1,{\"z\":2}]},\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8))
        .kind()).isEqualTo(Kind.WHATSAPP);
    assertThat(DeliveryCheck.check("{\"object\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(Kind.OTHER_OBJECT);
  }
}
