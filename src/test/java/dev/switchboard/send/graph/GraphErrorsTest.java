package dev.switchboard.send.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.send.graph.GraphErrors.Verdict;

/** The error classes of whatsapp-cloud-api.md section 5.1, one by one. */
class GraphErrorsTest {

  static final ObjectMapper MAPPER = new ObjectMapper();
  final GraphErrors errors = new GraphErrors(Duration.ofSeconds(1), Duration.ofSeconds(60));

  @Test
  void shouldRetryThroughputErrorsAndPauseTheNumber() {
    Verdict verdict = this.errors.classify(error(400, 130429, null), 1);
    assertThat(verdict.retry()).isTrue();
    assertThat(verdict.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(verdict.pauseNumber()).isEqualTo(Duration.ofSeconds(1));
    assertThat(this.errors.classify(error(400, 130429, Duration.ofSeconds(7)), 1).pauseNumber()).isEqualTo(Duration.ofSeconds(7));
    Verdict waba = this.errors.classify(error(400, 80007, null), 1);
    assertThat(waba.retry()).isTrue();
    assertThat(waba.retryAfter()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void shouldWaitFourToTheXSecondsAfterThePairRateLimit() {
    assertThat(this.errors.classify(error(400, 131056, null), 1).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(this.errors.classify(error(400, 131056, null), 2).retryAfter()).isEqualTo(Duration.ofSeconds(4));
    assertThat(this.errors.classify(error(400, 131056, null), 3).retryAfter()).isEqualTo(Duration.ofSeconds(16));
    assertThat(this.errors.classify(error(400, 131056, null), 1).pauseNumber()).isNull();
  }

  @Test
  void shouldRetryServerTroubleWithTheQueueBackoff() {
    for (int code : new int[] {131000, 131016, 1, 2}) {
      Verdict verdict = this.errors.classify(error(500, code, null), 1);
      assertThat(verdict.retry()).as("code %d", code).isTrue();
      assertThat(verdict.retryAfter()).isNull();
    }
    assertThat(this.errors.classify(new GraphException("timed out", true, null), 1).code()).isEqualTo("timeout");
    assertThat(this.errors.classify(new GraphException("timed out", true, null), 1).retry()).isTrue();
    assertThat(this.errors.classify(new GraphException(502, null, null, "bad gateway"), 1).retry()).isTrue();
    assertThat(this.errors.classify(new GraphException(404, null, null, "not found"), 1).retry()).isFalse();
  }

  @Test
  void shouldGiveUpAtOnceOnPermanentErrors() {
    for (int code : new int[] {100, 131047, 131026, 131048, 368, 130472, 131050}) {
      assertThat(this.errors.classify(error(400, code, null), 1).retry()).as("code %d", code).isFalse();
    }
    Verdict token = this.errors.classify(error(401, 190, null), 1);
    assertThat(token.retry()).isFalse();
    assertThat(token.tokenRejected()).isTrue();
    assertThat(token.metricCode()).isEqualTo("190");
    assertThat(this.errors.classify(error(400, 999999, null), 1).metricCode()).isEqualTo("other");
  }

  @Test
  void shouldReadTheErrorObjectAndMaskNumbersInTheTitle() throws Exception {
    GraphError error = GraphError.from(MAPPER.readTree("""
        {"error":{"message":"(#131026) Message undeliverable to +4917012345678","type":"OAuthException","code":131026,
         "error_data":{"messaging_product":"whatsapp","details":"not on WhatsApp"},"error_subcode":2494055,"fbtrace_id":"Az8"}}"""));
    assertThat(error.code()).isEqualTo(131026);
    assertThat(error.subcode()).isEqualTo(2494055);
    assertThat(error.fbtraceId()).isEqualTo("Az8");
    assertThat(error.details()).isEqualTo("not on WhatsApp");
    Verdict verdict = this.errors.classify(new GraphException(400, error, null, "x"), 1);
    assertThat(verdict.title()).contains("not on WhatsApp").doesNotContain("12345678").contains("+49");
    assertThat(GraphError.from(MAPPER.readTree("{\"error\":{\"message\":\"no code\"}}"))).isNull();
  }

  @Test
  void shouldReadRetryAfterInSeconds() {
    assertThat(GraphClient.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(GraphClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
    assertThat(GraphClient.retryAfter(null)).isNull();
  }

  private static GraphException error(int status, int code, Duration retryAfter) {
    return new GraphException(status, new GraphError(code, null, "(#" + code + ") error", "OAuthException", null, null, "trace"),
        retryAfter, "error " + code);
  }
}
