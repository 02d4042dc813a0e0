package io.kilowatch.platform.messaging;

/** One event waiting in the outbox. Mutable for MyBatis; not shared between threads. */
class OutboxRow {
  private Long id;
  private String eventId;
  private String eventType;
  private String routingKey;
  private byte[] payload;

  OutboxRow() {}

  OutboxRow(String eventId, String eventType, String routingKey, byte[] payload) {
    this.eventId = eventId;
    this.eventType = eventType;
    this.routingKey = routingKey;
    this.payload = payload;
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public String getEventId() {
    return eventId;
  }

  public void setEventId(String eventId) {
    this.eventId = eventId;
  }

  public String getEventType() {
    return eventType;
  }

  public void setEventType(String eventType) {
    this.eventType = eventType;
  }

  public String getRoutingKey() {
    return routingKey;
  }

  public void setRoutingKey(String routingKey) {
    this.routingKey = routingKey;
  }

  public byte[] getPayload() {
    return payload;
  }

  public void setPayload(byte[] payload) {
    this.payload = payload;
  }
}
