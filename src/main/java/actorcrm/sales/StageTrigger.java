package actorcrm.sales;

import java.util.Locale;

/** An action a lead's stage change sets off; the lead entity carries it out (emits its event). */
public enum StageTrigger {
  QUOTATION_CREATED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
