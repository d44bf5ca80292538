package dev.switchboard.devmode.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


class FakeGraphAnswersTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final FakeGraphAnswers answers = new FakeGraphAnswers();

  @Test
  void shouldAnswerEverySendWithANewWamidInMetasShape() throws Exception {
    Set<String> wamids = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      FakeGraphAnswers.Answer answer = this.answers.send("+4917012345678");
      assertThat(answer.status()).isEqualTo(200);
      JsonNode body = this.mapper.readTree(this.mapper.writeValueAsBytes(answer.body()));
      String id = body.path("messages").path(0).path("id").asText();
      assertThat(id).matches("wamid\\.HBgL[A-Za-z0-9_-]{36}").isEqualTo(answer.wamid());
      assertThat(body.path("contacts").path(0).path("wa_id").asText()).isEqualTo("4917012345678");
      wamids.add(id);
    }
    assertThat(wamids).hasSize(100);
  }

  @Test
  void shouldAnswerTheErrorsAskedForOnceEachInOrderThenSucceedAgain() throws Exception {
    this.answers.failNext(131026, 1);
    this.answers.failNext(130429, 2);

    FakeGraphAnswers.Answer first = this.answers.send("+4917012345678");
    assertThat(first.status()).isEqualTo(400);
    JsonNode error = this.mapper.readTree(this.mapper.writeValueAsBytes(first.body())).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(131026);
    assertThat(error.path("message").asText()).isEqualTo("(#131026) Message undeliverable");
    assertThat(error.path("error_data").path("details").asText()).isEqualTo("asked for with POST /dev/graph/next-error");
    assertThat(this.answers.send("+4917012345678").code()).isEqualTo(130429);
    assertThat(this.answers.send("+4917012345678").code()).isEqualTo(130429);
    assertThat(this.answers.send("+4917012345678").status()).isEqualTo(200);
  }

  @Test
  void shouldForgetPendingErrorsWhenCleared() {
    this.answers.failNext(131000, 3);
    assertThat(this.answers.clear()).isEqualTo(3);
    assertThat(this.answers.send("+4917012345678").wamid()).isNotNull();
  }

  @Test
  void shouldUseMetasHttpStatusForAccountAndServerErrors() {
    assertThat(Map.of(190, FakeGraphAnswers.status(190), 368, FakeGraphAnswers.status(368), 131016, FakeGraphAnswers.status(131016),
        4, FakeGraphAnswers.status(4))).isEqualTo(Map.of(190, 401, 368, 403, 131016, 500, 4, 400));
  }
}
