package actorcrm.dispatch;

/** A rep left out of a routing decision, with the reason code and a sentence a manager can read. */
public record Exclusion(String repId, ExclusionReason reason, String detail) {}
