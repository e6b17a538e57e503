package actorcrm.service;

/** A point on an SLA clock: WARNING when the configured share of time is left, BREACH at the deadline (escalate). */
public enum SlaAlert {
  WARNING,
  BREACH
}
