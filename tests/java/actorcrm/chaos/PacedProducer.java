package actorcrm.chaos;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends records to a topic at a steady rate on its own thread, as a scraper fleet would, so a node
 * can be killed while records are still arriving. {@link #done()} completes once every record is
 * acknowledged by the broker, or fails with the first send error.
 */
public final class PacedProducer {
  private static final int TICKS_PER_SECOND = 10;

  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final CompletableFuture<Long> done = new CompletableFuture<>();

  public PacedProducer(KafkaProducer<String, byte[]> producer, String topic, List<ProducerRecord<String, byte[]>> records,
                       int perSecond) {
    Thread thread = new Thread(() -> run(producer, records, perSecond), "chaos-producer-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  public int sent() {
    return sent.get();
  }

  /** Completes with the {@link System#nanoTime()} at which the last record was acknowledged. */
  public CompletableFuture<Long> done() {
    return done;
  }

  private void run(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records, int perSecond) {
    try {
      int perTick = Math.max(1, perSecond / TICKS_PER_SECOND);
      long start = System.nanoTime();
      for (int tick = 0; sent.get() < records.size(); tick++) {
        long due = start + tick * 1_000_000_000L / TICKS_PER_SECOND;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000);
        }
        int end = Math.min(records.size(), sent.get() + perTick);
        for (int i = sent.get(); i < end; i++) {
          producer.send(records.get(i), (meta, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
          sent.incrementAndGet();
        }
        if (failure.get() != null) {
          throw failure.get();
        }
      }
      producer.flush();
      if (failure.get() != null) {
        throw failure.get();
      }
      done.complete(System.nanoTime());
    } catch (Exception e) {
      done.completeExceptionally(e);
    }
  }
}
