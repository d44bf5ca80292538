package dev.switchboard.webhook;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.switchboard.testing.TestSettings;
import io.restassured.response.ValidatableResponse;

/** Webhook deliveries for tests: the shared fixtures (exact bytes), synthetic ones, signing and posting. */
public final class Deliveries {

  public static final String PATH = "/webhooks/whatsapp";
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** The fixtures intake accepts and queues. */
  public static final String[] ACCEPTED_FIXTURES = { "01_text_message.json", "01b_text_message_pretty.json", "02_image_message.json",
      "03_interactive_button_reply.json", "04_interactive_list_reply.json", "05_location.json", "06_reaction.json",
      "07_unsupported_with_errors.json", "08_status_sent.json", "09_status_delivered.json", "10_status_read.json",
      "11_status_failed_errors.json", "12_batch_multi_entry.json", "13_unicode_emoji_escaped.json", "17_value_errors_system.json" };

  private Deliveries() {
  }

  public static byte[] fixture(String name) {
    try (InputStream in = Deliveries.class.getClassLoader().getResourceAsStream("webhooks/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String sign(byte[] body) {
    return SignatureVerifier.sign(TestSettings.APP_SECRET, body);
  }

  /** Posts the bytes as Meta would, signed with the test app secret. */
  public static ValidatableResponse post(byte[] body) {
    return post(body, sign(body));
  }

  public static ValidatableResponse post(byte[] body, String signature) {
    var request = given().contentType("application/json").body(body);
    if (signature != null) {
      request.header(SIGNATURE_HEADER, signature);
    }
    return request.when().post(PATH).then();
  }

  public static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }

  /** A fresh customer phone number (digits only, as Meta sends it). */
  public static String newPhone() {
    return "1555" + String.format("%07d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L));
  }

  /** A text message delivery in Meta's on-wire style. */
  public static byte[] text(String phoneNumberId, String from, String wamid, String body, long timestamp) {
    return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"109876543210987\",\"changes\":[{\"value\":"
        + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550100123\",\"phone_number_id\":\""
        + phoneNumberId + "\"},\"contacts\":[{\"profile\":{\"name\":\"Test Customer\"},\"wa_id\":\"" + from + "\"}],"
        + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + timestamp
        + "\",\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}}]},\"field\":\"messages\"}]}]}").getBytes(StandardCharsets.UTF_8);
  }

  /** A status delivery in Meta's on-wire style. */
  public static byte[] status(String phoneNumberId, String wamid, String status, long timestamp) {
    return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"109876543210987\",\"changes\":[{\"value\":"
        + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550100123\",\"phone_number_id\":\""
        + phoneNumberId + "\"},\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + timestamp
        + "\",\"recipient_id\":\"15550142876\"}]},\"field\":\"messages\"}]}]}").getBytes(StandardCharsets.UTF_8);
  }
}
