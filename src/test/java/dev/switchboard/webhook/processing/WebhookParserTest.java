package dev.switchboard.webhook.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.webhook.Deliveries;

class WebhookParserTest {

  @Test
  void shouldReadTextWithItsSenderName() throws Exception {
    InboundMessage message = only(parse("01_text_message.json"));
    assertThat(message.wamid()).isEqualTo("wamid.HBgLFQIAEhgU3f4WM0XTOBk6wr3Bg/jp3AA=");
    assertThat(message.type()).isEqualTo("text");
    assertThat(message.from()).isEqualTo("15550142876");
    assertThat(message.profileName()).isEqualTo("Alice Marchetti");
    assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1767268800));
    assertThat(message.text()).isEqualTo("Hi, is order 58213 ready for pickup tomorrow?");
    assertThat(only(parse("01b_text_message_pretty.json"))).isEqualTo(message);
  }

  @Test
  void shouldReadEveryTypeOfTheFixtures() throws Exception {
    InboundMessage image = only(parse("02_image_message.json"));
    assertThat(image.type()).isEqualTo("image");
    assertThat(image.details()).containsEntry("mediaId", "2045879361120548").containsEntry("mimeType", "image/jpeg");
    assertThat(image.text()).isEqualTo("Scratch on the lid, photo taken on arrival");

    InboundMessage button = only(parse("03_interactive_button_reply.json"));
    assertThat(button.type()).isEqualTo("interactive");
    assertThat(button.details()).containsEntry("replyType", "button_reply").containsEntry("replyId", "reschedule_delivery");
    assertThat(button.text()).isEqualTo("Reschedule");
    assertThat(button.replyTo()).isEqualTo("wamid.HBgLFQIAEhgUZh5r2VW1w47k37ZdJp+30wA=");

    InboundMessage list = only(parse("04_interactive_list_reply.json"));
    assertThat(list.details()).containsEntry("replyType", "list_reply").containsEntry("description", "Between 08:00 and 12:00");
    assertThat(list.text()).isEqualTo("Sat 3 Jan, morning");

    InboundMessage location = only(parse("05_location.json"));
    assertThat(location.details()).containsEntry("latitude", 50.79694).containsEntry("longitude", -1.10843);
    assertThat(location.text()).isEqualTo("Harbour Row Depot");

    InboundMessage reaction = only(parse("06_reaction.json"));
    assertThat(reaction.details()).containsEntry("emoji", "\ud83d\udc4d").containsEntry("reactionTo", "wamid.HBgLFQIAEhgUeMFqFSJz5zjW0zy9EwLwQwA=");
    assertThat(reaction.dedupeKey()).isEqualTo(reaction.wamid() + "|\ud83d\udc4d");

    InboundMessage unsupported = only(parse("07_unsupported_with_errors.json"));
    assertThat(unsupported.type()).isEqualTo("unsupported");
    assertThat(unsupported.details()).containsEntry("unsupportedType", "poll_creation");
    assertThat(unsupported.errors()).containsExactly(new MetaError(131051, "Message type unknown", "Message type is currently not supported."));
  }

  @Test
  void shouldReadStatusesWithTheirErrors() throws Exception {
    WebhookDelivery.Status sent = parse("08_status_sent.json").changes().get(0).statuses().get(0);
    assertThat(sent.wamid()).isEqualTo("wamid.HBgLFQIAEhgUrU16d4a5vYxE2N/p1kCOSAA=");
    assertThat(sent.status()).isEqualTo("sent");
    assertThat(sent.at()).isEqualTo(Instant.ofEpochSecond(1767273000));
    WebhookDelivery.Status failed = parse("11_status_failed_errors.json").changes().get(0).statuses().get(0);
    assertThat(failed.error()).isEqualTo(new MetaError(131026, "Message undeliverable", "Message Undeliverable."));
  }

  @Test
  void shouldSplitABatchIntoEntriesAndChanges() throws Exception {
    WebhookDelivery batch = parse("12_batch_multi_entry.json");
    assertThat(batch.changes()).hasSize(3);
    assertThat(batch.changes()).extracting(WebhookDelivery.Change::phoneNumberId)
        .containsExactly("112233445566778", "112233445566778", "118899001122334");
    assertThat(batch.changes().stream().mapToInt(change -> change.messages().size()).sum()).isEqualTo(4);
    assertThat(batch.changes().stream().mapToInt(change -> change.statuses().size()).sum()).isEqualTo(2);
    InboundMessage audio = batch.changes().get(0).messages().get(2);
    assertThat(audio.type()).isEqualTo("audio");
    assertThat(audio.details()).containsEntry("voice", true).containsEntry("mediaId", "3311907754201966");
    InboundMessage document = batch.changes().get(2).messages().get(0);
    assertThat(document.details()).containsEntry("filename", "delivery-note-58213.pdf");
    assertThat(document.profileName()).isEqualTo("Bruno Okafor");
    assertThat(batch.skipped()).isEmpty();
  }

  @Test
  void shouldKeepUnicodeAndEscapes() throws Exception {
    InboundMessage message = only(parse("13_unicode_emoji_escaped.json"));
    assertThat(message.profileName()).isEqualTo("Jos\u00e9 \u00d1\u00fa\u00f1ez \ud83c\udf35");
    assertThat(message.text()).startsWith("Ol\u00e1! \u00c7a va?").contains("zo\u00eb@example.com", "C:\\temp\\a.txt", "\"ok\"", "tab\tend",
        "<b>not html</b>", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67").contains("\n");
  }

  @Test
  void shouldReportValueErrorsWithoutMessages() throws Exception {
    WebhookDelivery.Change change = parse("17_value_errors_system.json").changes().get(0);
    assertThat(change.messages()).isEmpty();
    assertThat(change.errors()).extracting(MetaError::code).containsExactly(131000);
  }

  @Test
  void shouldReadTheTypesNoFixtureHas() throws Exception {
    WebhookDelivery delivery = WebhookParser.parse(value("""
        "contacts":[{"profile":{"name":"Eve"},"wa_id":"15551110000","user_id":"US.1"}],
        "messages":[
          {"from":"15551110000","id":"m1","timestamp":"1767280000","type":"video","video":{"id":"v1","mime_type":"video/mp4"}},
          {"from":"15551110000","id":"m2","timestamp":"1767280001","type":"sticker","sticker":{"id":"s1","animated":true,"mime_type":"image/webp"}},
          {"from":"15551110000","id":"m3","timestamp":"1767280002","type":"contacts","contacts":[{"name":{"formatted_name":"Ann Lee"},"phones":[{"phone":"+1 555 0100"}]}]},
          {"from":"15551110000","id":"m4","timestamp":"1767280003","type":"button","context":{"id":"t1"},"button":{"payload":"STOP","text":"Stop promotions"}},
          {"from":"15551110000","id":"m5","timestamp":"1767280004","type":"order","order":{"catalog_id":"c1","text":"two please","product_items":[{"product_retailer_id":"p1","quantity":2,"item_price":9.5,"currency":"EUR"}]}},
          {"from":"15551110000","id":"m6","timestamp":"1767280005","type":"system","system":{"body":"Eve changed her number","wa_id":"15552220000","type":"user_changed_number"}},
          {"from":"15551110000","id":"m7","timestamp":"1767280006","type":"reaction","reaction":{"message_id":"w1"}},
          {"from":"15551110000","id":"m8","timestamp":"1767280007","type":"poll","poll":{}},
          {"from_user_id":"US.1","id":"m9","timestamp":"1767280008","type":"text","text":{"body":"no phone"}},
          {"id":"m10","type":"text","text":{"body":"nobody"}},
          {"from":"15551110000","type":"text","text":{"body":"no id"}},
          {"from":"15551110000","id":"m11","timestamp":"later","type":"text"}
        ],
        "statuses":[{"id":"w2","status":"played","timestamp":"1767280010"},{"status":"read"},{"id":"w3"}]
        """));
    List<InboundMessage> messages = delivery.changes().get(0).messages();
    assertThat(messages).extracting(InboundMessage::wamid).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m11");
    assertThat(messages).extracting(InboundMessage::type)
        .containsExactly("video", "sticker", "contacts", "button", "order", "system", "reaction", "unknown", "text", "text");
    assertThat(messages.get(1).details()).containsEntry("animated", true);
    assertThat(messages.get(2).text()).isEqualTo("Ann Lee");
    assertThat(messages.get(3).details()).containsEntry("payload", "STOP");
    assertThat(messages.get(3).replyTo()).isEqualTo("t1");
    assertThat(messages.get(4).details()).containsKey("items");
    assertThat(messages.get(5).details()).containsEntry("newWaId", "15552220000");
    assertThat(messages.get(6).details()).doesNotContainKey("emoji");
    assertThat(messages.get(6).dedupeKey()).isEqualTo("m7|removed");
    assertThat(messages.get(7).details()).containsEntry("declaredType", "poll");
    assertThat(messages.get(8).user()).isEqualTo("US.1");
    assertThat(messages.get(8).profileName()).isEqualTo("Eve");
    assertThat(messages.get(9).sentAt()).isNull();
    assertThat(messages.get(9).text()).isNull();
    assertThat(delivery.changes().get(0).statuses()).extracting(WebhookDelivery.Status::status).containsExactly("played");
    assertThat(delivery.skipped()).containsExactlyInAnyOrder("no_sender", "no_id", "no_id", "no_status");
  }

  @Test
  void shouldSkipOtherFieldsAndKeepChangesWithoutMetadata() throws Exception {
    WebhookDelivery delivery = WebhookParser.parse("""
        {"object":"whatsapp_business_account","entry":[{"id":"1","time":1767280000,"changes":[
          {"value":{"event":"APPROVED","message_template_id":123,"message_template_name":"reminder"},"field":"message_template_status_update"},
          {"value":"oops","field":"messages"},
          {"value":{"messages":[{"from":"15551110000","id":"x1","type":"text","text":{"body":"hi"}}]},"field":"messages"}
        ]},{"id":"2"},{"changes":"none"}]}
        """);
    assertThat(delivery.skipped()).containsExactly("other_field", "not_an_object");
    assertThat(delivery.changes()).hasSize(1);
    assertThat(delivery.changes().get(0).phoneNumberId()).isNull();
    assertThat(delivery.changes().get(0).messages()).hasSize(1);
  }

  @Test
  void shouldRefuseOnlyWhatIsNotAJsonObject() {
    assertThatThrownBy(() -> WebhookParser.parse("[1]")).isInstanceOf(WebhookParser.UnreadableDelivery.class);
    assertThatThrownBy(() -> WebhookParser.parse("{\"a\":")).isInstanceOf(WebhookParser.UnreadableDelivery.class);
  }

  private static WebhookDelivery parse(String fixture) throws WebhookParser.UnreadableDelivery {
    return WebhookParser.parse(new String(Deliveries.fixture(fixture), StandardCharsets.UTF_8));
  }

  private static InboundMessage only(WebhookDelivery delivery) {
    assertThat(delivery.changes()).hasSize(1);
    assertThat(delivery.changes().get(0).messages()).hasSize(1);
    return delivery.changes().get(0).messages().get(0);
  }

  private static String value(String inner) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\","
        + "\"metadata\":{\"phone_number_id\":\"112233445566778\"}," + inner + "},\"field\":\"messages\"}]}]}";
  }
}
