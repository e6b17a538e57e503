package actorcrm.service;

/** One alert of one SLA clock; each fires at most once per ticket. */
public record SlaEvent(SlaTimer timer, SlaAlert alert) {}
