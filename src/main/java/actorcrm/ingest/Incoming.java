package actorcrm.ingest;

import java.time.Instant;

/** One record as a source hands it to a graph: its bytes and when it was observed (Kafka: the record's timestamp). */
public record Incoming(byte[] value, Instant observedAt) {}
