package actorcrm.service;

/** The two service-level clocks of a ticket: until the first agent response, and until resolution. */
public enum SlaTimer {
  FIRST_RESPONSE,
  RESOLUTION
}
