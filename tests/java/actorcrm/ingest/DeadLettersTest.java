package actorcrm.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DeadLettersTest {
  private static String header(ProducerRecord<String, byte[]> letter, String name) {
    Header header = letter.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void aSmallRecordIsDeadLetteredWholeWithWhereItCameFrom() {
    byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
    var letter = DeadLetters.letter("leads-dlq", new ConsumerRecord<>("leads", 2, 41L, "k1", value), "not JSON: x", 1024);
    assertEquals("leads-dlq", letter.topic());
    assertEquals("k1", letter.key());
    assertArrayEquals(value, letter.value());
    assertEquals("not JSON: x", header(letter, DeadLetters.REASON_HEADER));
    assertEquals("leads-2@41", header(letter, DeadLetters.SOURCE_HEADER));
    assertEquals("leads", header(letter, DeadLetters.TOPIC_HEADER));
    assertEquals("2", header(letter, DeadLetters.PARTITION_HEADER));
    assertEquals("41", header(letter, DeadLetters.OFFSET_HEADER));
    assertEquals("9", header(letter, DeadLetters.VALUE_BYTES_HEADER));
    assertEquals("2", header(letter, DeadLetters.KEY_BYTES_HEADER));
    assertEquals("false", header(letter, DeadLetters.TRUNCATED_HEADER));
  }

  @Test
  void aHugeValueKeyAndReasonAreCutToTheirCapsAndTheLetterSaysSo() {
    byte[] value = new byte[3 * 1024 * 1024];
    Arrays.fill(value, (byte) 'x');
    String key = "店".repeat(1000); // 3,000 UTF-8 bytes: the cut must fall between characters
    var letter = DeadLetters.letter("t-dlq", new ConsumerRecord<>("t", 0, 7L, key, value), "r".repeat(5000), 64 * 1024);
    assertEquals(64 * 1024, letter.value().length);
    assertEquals("店".repeat(DeadLetters.MAX_KEY_BYTES / 3), letter.key());
    assertEquals(DeadLetters.MAX_REASON_CHARS, header(letter, DeadLetters.REASON_HEADER).length());
    assertEquals(String.valueOf(value.length), header(letter, DeadLetters.VALUE_BYTES_HEADER));
    assertEquals("3000", header(letter, DeadLetters.KEY_BYTES_HEADER));
    assertEquals("true", header(letter, DeadLetters.TRUNCATED_HEADER));
  }

  @Test
  void aTombstoneStaysWithoutValueAndWithoutASize() {
    var letter = DeadLetters.letter("t-dlq", new ConsumerRecord<String, byte[]>("t", 0, 3L, null, null), "no value", 10);
    assertNull(letter.key());
    assertNull(letter.value());
    assertNull(header(letter, DeadLetters.VALUE_BYTES_HEADER));
    assertNull(header(letter, DeadLetters.KEY_BYTES_HEADER));
    assertEquals("false", header(letter, DeadLetters.TRUNCATED_HEADER));
  }
}
