package io.kilowatch.channel;

/**
 * Receives verified provider status reports. Delivery implements it (records the status, updates
 * analytics, suppresses bounced addresses); adapters' webhook endpoints call it. Implementations
 * are idempotent: providers resend webhooks.
 */
public interface ProviderStatusListener {
  void onStatus(ProviderStatusUpdate update);
}
