package dev.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class StrippedNewlinesTest {

  @Test
  void shouldRecogniseASampleFilePostedWithCurlDashD() throws IOException {
    byte[] file = Files.readAllBytes(Path.of("samples", "webhooks", "text-message.json"));
    byte[] afterCurlDashD = new String(file, StandardCharsets.UTF_8).replace("\r", "").replace("\n", "").getBytes(StandardCharsets.UTF_8);

    assertThat(StrippedNewlines.suspected(afterCurlDashD)).isTrue();
    assertThat(StrippedNewlines.suspected(file)).isFalse();
  }

  @Test
  void shouldNotSuspectMetasCompactDeliveries() {
    byte[] compact = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[]}]}".getBytes(StandardCharsets.UTF_8);
    byte[] spacedText = "{\"object\":\"whatsapp_business_account\",\"text\":\"two  spaces\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(StrippedNewlines.suspected(compact)).isFalse();
    assertThat(StrippedNewlines.suspected(spacedText)).isFalse();
  }
}
