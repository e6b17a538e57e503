package actorcrm.ingest;

import com.typesafe.config.Config;

/** What every ingest graph (Kafka or HTTP) allows a record and how it waits for entities, read once from {@code actorcrm.ingest}. */
public record IngestSettings(int maxRecordBytes, EntityAsk.Settings entityRetry) {

  public static IngestSettings from(Config config) {
    Config c = config.getConfig("actorcrm.ingest");
    long maxRecordBytes = c.getBytes("max-record-bytes");
    if (maxRecordBytes < 1 || maxRecordBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("actorcrm.ingest.max-record-bytes must be from 1 byte to 2 GiB, got "
          + c.getString("max-record-bytes"));
    }
    Config retry = c.getConfig("entity-retry");
    return new IngestSettings((int) maxRecordBytes, new EntityAsk.Settings(retry.getInt("attempts"),
        retry.getDuration("min-backoff"), retry.getDuration("max-backoff")));
  }
}
