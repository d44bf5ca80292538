package dev.switchboard.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.error.ApiException;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantDirectoryTest {

  @Inject
  TenantDirectory tenants;

  @Inject
  BearerAuth auth;

  @Test
  void shouldFindTenantsByTokenAndPhoneNumberId() {
    assertThat(this.tenants.byApiToken(TestSettings.ACME_API_TOKEN)).map(Tenant::id).contains(TestSettings.ACME);
    assertThat(this.tenants.byPhoneNumberId(TestSettings.GLOBEX_PHONE_NUMBER_ID)).map(Tenant::id).contains(TestSettings.GLOBEX);
    assertThat(this.tenants.byApiToken(TestSettings.ACME_API_TOKEN + "x")).isEmpty();
    assertThat(this.tenants.byApiToken("")).isEmpty();
    assertThat(this.tenants.byId(TestSettings.ACME).orElseThrow().rateLimit()).isEqualTo(80);
    assertThat(this.tenants.byId(TestSettings.ACME).orElseThrow().toString()).doesNotContain(TestSettings.ACME_ACCESS_TOKEN);
  }

  @Test
  void shouldRefuseMissingOrWrongBearerTokens() {
    assertThat(this.auth.tenant("Bearer " + TestSettings.GLOBEX_API_TOKEN).id()).isEqualTo(TestSettings.GLOBEX);
    assertThat(this.auth.tenant("bearer " + TestSettings.GLOBEX_API_TOKEN).id()).isEqualTo(TestSettings.GLOBEX);
    assertThat(assertThrows(ApiException.class, () -> this.auth.tenant(null)).status()).isEqualTo(401);
    assertThat(assertThrows(ApiException.class, () -> this.auth.tenant("Basic abc")).getMessage()).contains("Bearer");
    assertThat(assertThrows(ApiException.class, () -> this.auth.tenant("Bearer nope")).code()).isEqualTo("unauthorized");
  }
}
