package actorcrm.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Publishes a rejected record to its dead-letter topic as a letter that always fits: the value cut
 * to its first {@code maxValueBytes} (well under the producer's max.request.size), the key to
 * {@value #MAX_KEY_BYTES} bytes and the reason to {@value #MAX_REASON_CHARS} characters, with headers
 * saying why, where the original is (topic, partition, offset) and how big it was, so a person can
 * fetch the whole record when the letter holds only part of it. The original's own headers are not
 * copied. A broker that still refuses the letter as too large (a dead-letter topic with a smaller
 * max.message.bytes) gets it again without the value. Any other failure (broker down) fails the
 * returned stage: the graph restarts from its last committed offset and dead-letters the record
 * again, so a letter may arrive twice but a record is never lost.
 */
public final class DeadLetters {
  /** Why the record was rejected. */
  public static final String REASON_HEADER = "actorcrm-reason";
  /** Where the original is, as {@code topic-partition@offset}. */
  public static final String SOURCE_HEADER = "actorcrm-source";
  public static final String TOPIC_HEADER = "actorcrm-topic";
  public static final String PARTITION_HEADER = "actorcrm-partition";
  public static final String OFFSET_HEADER = "actorcrm-offset";
  /** The original value's size in bytes; absent when it had no value. */
  public static final String VALUE_BYTES_HEADER = "actorcrm-value-bytes";
  /** The original key's size in UTF-8 bytes; absent when it had no key. */
  public static final String KEY_BYTES_HEADER = "actorcrm-key-bytes";
  /** {@code true} when the letter's key or value is only the start of the original's. */
  public static final String TRUNCATED_HEADER = "actorcrm-truncated";

  static final int MAX_KEY_BYTES = 1024;
  static final int MAX_REASON_CHARS = 1000;

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final SendProducer<String, byte[]> producer;
  private final int maxValueBytes;

  public DeadLetters(SendProducer<String, byte[]> producer, int maxValueBytes) {
    this.producer = producer;
    this.maxValueBytes = maxValueBytes;
  }

  /** Sends {@code record} to {@code topic} with {@code reason}; completes once the broker has the letter. */
  public CompletionStage<RecordMetadata> send(String topic, ConsumerRecord<String, byte[]> record, String reason) {
    return producer.send(letter(topic, record, reason, maxValueBytes)).exceptionallyCompose(e -> {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (!(cause instanceof RecordTooLargeException)) {
        return CompletableFuture.failedStage(cause);
      }
      log.warn("The dead-letter topic {} refused the letter for {}-{}@{} as too large ({}); sending it without the value",
          topic, record.topic(), record.partition(), record.offset(), cause.getMessage());
      return producer.send(letter(topic, record, reason, 0));
    });
  }

  static ProducerRecord<String, byte[]> letter(String topic, ConsumerRecord<String, byte[]> record, String reason,
                                               int maxValueBytes) {
    byte[] value = record.value();
    boolean valueCut = value != null && value.length > maxValueBytes;
    String key = record.key();
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    boolean keyCut = keyBytes != null && keyBytes.length > MAX_KEY_BYTES;
    String keyExcerpt = keyCut ? utf8Prefix(key, MAX_KEY_BYTES) : key;
    byte[] valueExcerpt = valueCut ? Arrays.copyOf(value, maxValueBytes) : value;
    ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topic, keyExcerpt, valueExcerpt);
    header(letter, REASON_HEADER, reason.length() <= MAX_REASON_CHARS ? reason
        : reason.substring(0, MAX_REASON_CHARS - 3) + "...");
    header(letter, SOURCE_HEADER, record.topic() + "-" + record.partition() + "@" + record.offset());
    header(letter, TOPIC_HEADER, record.topic());
    header(letter, PARTITION_HEADER, Integer.toString(record.partition()));
    header(letter, OFFSET_HEADER, Long.toString(record.offset()));
    if (value != null) {
      header(letter, VALUE_BYTES_HEADER, Integer.toString(value.length));
    }
    if (keyBytes != null) {
      header(letter, KEY_BYTES_HEADER, Integer.toString(keyBytes.length));
    }
    header(letter, TRUNCATED_HEADER, Boolean.toString(valueCut || keyCut));
    return letter;
  }

  /** The longest start of {@code text} whose UTF-8 form has at most {@code maxBytes}, cut between characters. */
  private static String utf8Prefix(String text, int maxBytes) {
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      int codePoint = text.codePointAt(end);
      int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      end += Character.charCount(codePoint);
    }
    return text.substring(0, end);
  }

  private static void header(ProducerRecord<String, byte[]> letter, String name, String value) {
    letter.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
