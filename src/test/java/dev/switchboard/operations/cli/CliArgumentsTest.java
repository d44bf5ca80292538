package dev.switchboard.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.operations.cli.CliArguments.Verb;

/** The old clear-cache.js command lines, and the mistakes an operator makes at 3 a.m. */
class CliArgumentsTest {

  @Test
  void shouldReadTheOldScriptsVerbs() {
    assertThat(CliArguments.parse("stats").arguments().verb()).isEqualTo(Verb.STATS);
    CliArguments all = CliArguments.parse("all", "--queue", "--json").arguments();
    assertThat(all.verb()).isEqualTo(Verb.ALL);
    assertThat(all.queues()).isTrue();
    assertThat(all.json()).isTrue();
    assertThat(CliArguments.parse("old").arguments().hours()).isEqualTo(24);
    assertThat(CliArguments.parse("old", "--hours=48").arguments().hours()).isEqualTo(48);
    CliArguments user = CliArguments.parse("user", "+4917012345678", "--tenant=acme").arguments();
    assertThat(user.phone()).isEqualTo("+4917012345678");
    assertThat(user.tenant()).isEqualTo(Optional.of("acme"));
    assertThat(CliArguments.parse("maintenance", "--weekly").arguments().weekly()).isTrue();
    assertThat(CliArguments.parse("stats", "--help").arguments().verb()).isEqualTo(Verb.HELP);
    assertThat(CliArguments.parse("tenants", "list", "--json").arguments().verb()).isEqualTo(Verb.TENANTS);
    CliArguments show = CliArguments.parse("tenants", "show", "acme").arguments();
    assertThat(show.verb()).isEqualTo(Verb.TENANT);
    assertThat(show.tenant()).isEqualTo(Optional.of("acme"));
  }

  @Test
  void shouldSayWhatIsWrong() {
    assertThat(CliArguments.parse().error()).isEqualTo("no command given");
    assertThat(CliArguments.parse("flush").error()).isEqualTo("unknown command 'flush'");
    assertThat(CliArguments.parse("user").error()).isEqualTo("user needs a phone number: user <phone>");
    assertThat(CliArguments.parse("old", "--hours=0").error()).isEqualTo("--hours must be between 1 and 8760, was 0");
    assertThat(CliArguments.parse("stats", "--queue").error()).contains("does not apply to 'stats'");
    assertThat(CliArguments.parse("stats", "--force").error()).isEqualTo("unknown option --force");
    assertThat(CliArguments.parse("stats", "extra").error()).isEqualTo("unexpected argument 'extra'");
    assertThat(CliArguments.parse("tenants").error()).isEqualTo("tenants needs 'list' or 'show <id>'");
    assertThat(CliArguments.parse("tenants", "show").error()).isEqualTo("tenants needs 'list' or 'show <id>'");
    assertThat(CliArguments.parse("tenants", "show", "a b").error()).startsWith("a tenant id is");
    assertThat(CliArguments.parse("tenants", "list", "--queue").error()).contains("does not apply to 'tenants'");
  }
}
