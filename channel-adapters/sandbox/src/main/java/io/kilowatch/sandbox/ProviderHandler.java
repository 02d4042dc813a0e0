package io.kilowatch.sandbox;

import java.util.List;

/**
 * One provider's HTTP API inside the sandbox (Twilio today; SendGrid and FCM get their own
 * implementations). The sandbox routes requests under {@link #apiPathPrefixes()} to {@link
 * #handleApi}, records them, and answers with the returned {@link Reply}; requests to {@code
 * /_sandbox/<name>/<action>} go to {@link #handleControl}. Implementations are thread-safe and
 * never block: latency is expressed as {@link Reply#delay()}.
 */
interface ProviderHandler {

  /** Short lower-case name, used in recorded requests and control paths, e.g. {@code twilio}. */
  String name();

  /** Path prefixes of the provider's API, e.g. {@code /2010-04-01/}. */
  List<String> apiPathPrefixes();

  /** Answers one API request; never throws for bad input (the provider's error shape instead). */
  Reply handleApi(IncomingRequest request);

  /** Answers one control request; {@code action} is the path segment after the provider name. */
  Reply handleControl(String action, IncomingRequest request);
}
