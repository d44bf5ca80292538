package dev.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** The fixtures' published test vectors, checked against our verifier over the exact file bytes. */
class SignatureVerifierTest {

  static final String SECRET = "test-app-secret";
  final SignatureVerifier verifier = new SignatureVerifier(List.of(SECRET));

  @Test
  void shouldAcceptEveryPublishedVector() throws IOException {
    Map<String, String> vectors = vectors();
    assertThat(vectors).hasSizeGreaterThanOrEqualTo(18);
    vectors.forEach((file, header) -> {
      byte[] body = Deliveries.fixture(file);
      assertThat(this.verifier.verify(body, header)).as(file).isTrue();
      assertThat(SignatureVerifier.sign(SECRET, body)).as(file).isEqualTo(header);
    });
  }

  @Test
  void shouldRefuseABodyWithOneFlippedByte() throws IOException {
    vectors().forEach((file, header) -> {
      byte[] body = Deliveries.fixture(file);
      for (int i = 0; i < body.length; i += Math.max(1, body.length / 7)) {
        byte[] flipped = body.clone();
        flipped[i] ^= 0x01;
        assertThat(this.verifier.verify(flipped, header)).as(file + " byte " + i).isFalse();
      }
    });
  }

  @Test
  void shouldRefuseTheWrongSecretVectorAndBrokenHeaders() {
    byte[] body = Deliveries.fixture("01_text_message.json");
    String good = SignatureVerifier.sign(SECRET, body);
    assertThat(this.verifier.verify(body, "sha256=8d6ba115b3df505e96e4eb2624318cdec78bc4e1a6ea414cee294047fd7ef824")).isFalse();
    assertThat(this.verifier.verify(body, null)).isFalse();
    assertThat(this.verifier.verify(body, "")).isFalse();
    assertThat(this.verifier.verify(body, good.substring("sha256=".length()))).isFalse();
    assertThat(this.verifier.verify(body, "sha1=" + good.substring("sha256=".length()))).isFalse();
    assertThat(this.verifier.verify(body, good.substring(0, good.length() - 1))).isFalse();
    assertThat(this.verifier.verify(body, good.substring(0, good.length() - 1) + "z")).isFalse();
    assertThat(this.verifier.verify(body, good.replace("sha256=", "sha256=\u00e4").substring(0, good.length()))).isFalse();
    assertThat(this.verifier.verify(body, good.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
  }

  @Test
  void shouldAcceptEitherSecretDuringARotation() {
    SignatureVerifier rotating = new SignatureVerifier(List.of("old-secret", " new-secret "));
    byte[] body = "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(rotating.verify(body, SignatureVerifier.sign("old-secret", body))).isTrue();
    assertThat(rotating.verify(body, SignatureVerifier.sign("new-secret", body))).isTrue();
    assertThat(rotating.verify(body, SignatureVerifier.sign("other-secret", body))).isFalse();
  }

  @Test
  void shouldKeepAnsweringRightWhenEachThreadReusesItsMacsForBothSecrets() throws Exception {
    SignatureVerifier rotating = new SignatureVerifier(List.of("old-secret", "new-secret"));
    byte[][] bodies = { Deliveries.fixture("01_text_message.json"),
        "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8) };
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(threads.submit(() -> {
          int wrong = 0;
          for (int i = 0; i < 2000; i++) {
            byte[] body = bodies[i % 2];
            // a refused delivery in between must leave no state behind for the next one on this thread
            wrong += rotating.verify(body, SignatureVerifier.sign("old-secret", body)) ? 0 : 1;
            wrong += rotating.verify(body, SignatureVerifier.sign("other-secret", body)) ? 1 : 0;
            wrong += rotating.verify(body, SignatureVerifier.sign("new-secret", body)) ? 0 : 1;
            wrong += rotating.verify(bodies[(i + 1) % 2], SignatureVerifier.sign("new-secret", body)) ? 1 : 0;
          }
          return wrong;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isZero();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static Map<String, String> vectors() throws IOException {
    Map<String, String> vectors = new LinkedHashMap<>();
    try (InputStream in = SignatureVerifierTest.class.getClassLoader().getResourceAsStream("webhooks/SIGNATURES.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.split("\t");
        if (parts.length == 2 && parts[0].endsWith(".json")) {
          vectors.put(parts[0], parts[1].trim());
        }
      }
    }
    return vectors;
  }
}
