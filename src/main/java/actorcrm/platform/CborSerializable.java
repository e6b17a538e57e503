package actorcrm.platform;

/** Marker for every message, event and state that crosses the wire or the journal; bound to Jackson CBOR in serialization.conf. */
public interface CborSerializable {}
