package actorcrm.service;

/** What the SLA clock tells operators: each warning and breach as it is journaled. */
public interface SlaMetrics {
  SlaMetrics NONE = alert -> {
  };

  void alerted(SlaAlert alert);
}
