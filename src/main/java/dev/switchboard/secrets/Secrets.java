package dev.switchboard.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.switchboard.config.SwitchboardConfig;

/** Makes the configured key ring's cipher a bean; a malformed key fails start-up naming its property. */
@ApplicationScoped
public class Secrets {

  @Produces
  @Singleton
  SecretCipher cipher(SwitchboardConfig config) {
    return new SecretCipher(KeyRing.from(config.secrets()));
  }
}
