package io.kilowatch.platform.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * A message that could not be processed, as it arrived on the dead-letter queue.
 *
 * @param messageId the AMQP message id (the event id when the body was an event)
 * @param routingKey the original routing key (the event type)
 * @param queue the queue whose consumer gave up
 * @param reason why it was dead-lettered
 * @param attempts how often it was tried
 * @param failedAt when it was dead-lettered
 * @param body the original body, unchanged
 * @param headers the message headers as strings
 */
public record DeadLetter(
    String messageId,
    String routingKey,
    String queue,
    String reason,
    int attempts,
    Instant failedAt,
    byte[] body,
    Map<String, String> headers) {}
