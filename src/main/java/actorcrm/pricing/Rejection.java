package actorcrm.pricing;

/** A row of an imported table that was not taken, with its 1-based line and a reason naming the field and value. */
public record Rejection(int line, String reason) {}
