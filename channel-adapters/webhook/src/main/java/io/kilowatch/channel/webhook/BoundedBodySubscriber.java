package io.kilowatch.channel.webhook;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most {@code limit} bytes of an answer's body, then cancels the rest: a receiver cannot
 * make us buffer an endless or huge body. Completes with what was read.
 *
 * <p>The HTTP client calls it serially (Reactive Streams rules); not for use by several threads.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
  private final int limit;
  private final ByteArrayOutputStream read = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private boolean done;

  BoundedBodySubscriber(int limit) {
    this.limit = limit;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (limit == 0) {
      finish();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (done) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      int take = Math.min(buffer.remaining(), limit - read.size());
      byte[] chunk = new byte[take];
      buffer.get(chunk);
      read.write(chunk, 0, take);
      if (read.size() >= limit) {
        finish();
        return;
      }
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    if (!done) {
      done = true;
      body.completeExceptionally(error);
    }
  }

  @Override
  public void onComplete() {
    if (!done) {
      done = true;
      body.complete(read.toByteArray());
    }
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  private void finish() {
    done = true;
    subscription.cancel();
    body.complete(read.toByteArray());
  }
}
