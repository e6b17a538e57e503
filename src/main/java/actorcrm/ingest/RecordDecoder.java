package actorcrm.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one decode contract of every ingest topic (listings, leads, tickets and any topic added
 * later): a record becomes a value or a reason, never an exception. A null value (a Kafka
 * tombstone), an empty record, a record over the size limit, bytes that are not the topic's format
 * and any exception the topic's reader throws on a record's content all come back as
 * {@link Decoded#rejected}, so the graph dead-letters the record and goes on: nothing in a record's
 * content can fail a graph. A topic supplies only its {@link Reader}; graphs call {@link #decode}.
 */
public final class RecordDecoder<T> {
  /** A topic's reading of a record's bytes. It may throw: the decoder turns that into the reason. */
  @FunctionalInterface
  public interface Reader<T> {
    Decoded<T> read(byte[] bytes) throws Exception;
  }

  /** A topic's reading of a record that is one JSON object. It may throw, as a {@link Reader} may. */
  @FunctionalInterface
  public interface ObjectReader<T> {
    Decoded<T> read(JsonNode object) throws Exception;
  }

  private final int maxBytes;
  private final Reader<T> reader;

  public RecordDecoder(int maxBytes, Reader<T> reader) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("the record size limit must be at least 1 byte, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.reader = reader;
  }

  /** Records that are each one JSON object, read with {@code mapper} and then by {@code reader}. */
  public static <T> RecordDecoder<T> jsonObjects(ObjectMapper mapper, int maxBytes, ObjectReader<T> reader) {
    return new RecordDecoder<>(maxBytes, bytes -> {
      JsonNode node;
      try {
        node = mapper.readTree(bytes);
      } catch (JsonProcessingException e) {
        return Decoded.rejected("not JSON: " + e.getOriginalMessage());
      }
      if (node == null || node.isMissingNode()) {
        return Decoded.rejected("expected a JSON object, got nothing");
      }
      if (!node.isObject()) {
        return Decoded.rejected("expected a JSON object, got " + node.getNodeType().name().toLowerCase());
      }
      return reader.read(node);
    });
  }

  /** The record's value, or why it has none. Never throws. */
  public Decoded<T> decode(byte[] bytes) {
    if (bytes == null) {
      return Decoded.rejected("no value (a null record, e.g. a tombstone)");
    }
    if (bytes.length == 0) {
      return Decoded.rejected("empty record");
    }
    if (bytes.length > maxBytes) {
      return Decoded.rejected("record is " + bytes.length + " bytes, over the limit of " + maxBytes + " bytes");
    }
    try {
      Decoded<T> decoded = reader.read(bytes);
      return decoded != null ? decoded : Decoded.rejected("the record decoded to nothing");
    } catch (IllegalArgumentException e) {
      // Readers throw IllegalArgumentException to name what is wrong with a field (Skills.parse, for one).
      return Decoded.rejected(e.getMessage() != null ? e.getMessage() : e.toString());
    } catch (Exception e) {
      return Decoded.rejected("cannot decode the record: " + e);
    }
  }
}
