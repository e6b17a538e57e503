package actorcrm.ingest;

import actorcrm.platform.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordDecoderTest {
  private static final RecordDecoder<String> NAMES = RecordDecoder.jsonObjects(Json.MAPPER, 64,
      node -> Decoded.of(node.get("name").asText()));

  private static Decoded<String> decode(String text) {
    return NAMES.decode(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRecordOfTheTopicsFormatDecodes() {
    assertEquals(Decoded.of("Ann"), decode("{\"name\":\"Ann\"}"));
  }

  @Test
  void aTombstoneAnEmptyRecordAndAnOversizedOneAreRejectedUnread() {
    assertEquals("no value (a null record, e.g. a tombstone)", NAMES.decode(null).problem());
    assertEquals("empty record", NAMES.decode(new byte[0]).problem());
    assertEquals("record is 65 bytes, over the limit of 64 bytes", NAMES.decode(new byte[65]).problem());
  }

  @Test
  void bytesThatAreNotOneJsonObjectSayWhatTheyAre() {
    assertTrue(decode("{not json").problem().startsWith("not JSON: "), decode("{not json").problem());
    assertEquals("expected a JSON object, got array", decode("[1,2,3]").problem());
    assertEquals("expected a JSON object, got string", decode("\"x\"").problem());
    assertEquals("expected a JSON object, got nothing", decode("   ").problem());
  }

  @Test
  void anExceptionOfTheReaderOnARecordsContentBecomesItsReason() {
    // The reader assumes "name" is there: an object without it makes it throw NullPointerException.
    String problem = decode("{\"other\":1}").problem();
    assertTrue(problem.startsWith("cannot decode the record: java.lang.NullPointerException"), problem);
    RecordDecoder<String> strict = new RecordDecoder<>(64, bytes -> {
      throw new IllegalArgumentException("skills must be a list or an object, got 7");
    });
    assertEquals("skills must be a list or an object, got 7", strict.decode(new byte[] {1}).problem());
  }
}
