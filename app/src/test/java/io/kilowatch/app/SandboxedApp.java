package io.kilowatch.app;

import io.kilowatch.sandbox.ProviderSandbox;
import io.kilowatch.sandbox.RecordedRequest;
import io.kilowatch.sandbox.SandboxSettings;
import io.kilowatch.testing.TestInfrastructure;
import io.kilowatch.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole application on the test infrastructure with its own provider sandbox, SMS going to the
 * sandbox's primary Twilio account: what most end-to-end tests start with.
 */
final class SandboxedApp implements AutoCloseable {
  final ProviderSandbox sandbox;
  final EmbeddedServer server;
  final ApiClient api;
  final TestTokens tokens;

  private SandboxedApp(ProviderSandbox sandbox, EmbeddedServer server) {
    this.sandbox = sandbox;
    this.server = server;
    this.api = new ApiClient("http://127.0.0.1:" + server.getPort());
    this.tokens = new TestTokens(server.getApplicationContext());
  }

  /** Starts it; {@code extra} properties are added last (they win). */
  static SandboxedApp start(Map<String, Object> extra) {
    ProviderSandbox sandbox = ProviderSandbox.start(SandboxSettings.defaults());
    try {
      Map<String, Object> props = new HashMap<>(TestInfrastructure.properties());
      String twilio = "kilowatch.channels.sms.twilio.";
      props.put(twilio + "account-sid", SandboxSettings.DEFAULT_TWILIO_ACCOUNT_SID);
      props.put(twilio + "auth-token", SandboxSettings.DEFAULT_TWILIO_AUTH_TOKEN);
      props.put(twilio + "from-number", "+15005550006");
      props.put(twilio + "base-url", sandbox.baseUrl().toString());
      props.putAll(extra);
      return new SandboxedApp(sandbox, ApplicationContext.run(EmbeddedServer.class, props));
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  /** The SMS the sandbox accepted (201) for {@code phone}, oldest first. */
  List<RecordedRequest> smsTo(String phone) {
    return sandbox.requests("twilio").stream()
        .filter(r -> r.responseStatus() == 201)
        .filter(r -> phone.equals(r.formParam("To")))
        .toList();
  }

  @Override
  public void close() {
    server.getApplicationContext().close();
    sandbox.close();
  }
}
