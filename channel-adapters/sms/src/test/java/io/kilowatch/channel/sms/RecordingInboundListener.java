package io.kilowatch.channel.sms;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test bean: keeps every inbound keyword. */
@Singleton
@Requires(property = "spec.name", pattern = "TwilioWebhook.*")
class RecordingInboundListener implements InboundSmsListener {
  private final List<InboundKeyword> keywords = new CopyOnWriteArrayList<>();

  @Override
  public void onKeyword(InboundKeyword keyword) {
    keywords.add(keyword);
  }

  List<InboundKeyword> keywords() {
    return List.copyOf(keywords);
  }

  void clear() {
    keywords.clear();
  }
}
