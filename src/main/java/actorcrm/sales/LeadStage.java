package actorcrm.sales;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a lead stands in the sales funnel: new, contacted, qualified (需求分析, needs analysed),
 * quoted (报价确认, quotation confirmed), then won or lost. Won and lost are final.
 */
public enum LeadStage {
  NEW("新线索"),
  CONTACTED("已联系"),
  QUALIFIED("需求分析"),
  QUOTED("报价确认"),
  WON("赢单"),
  LOST("输单");

  private final String label;

  LeadStage(String label) {
    this.label = label;
  }

  /** The name shown to Chinese-speaking users. */
  public String label() {
    return label;
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean open() {
    return this != WON && this != LOST;
  }

  /** Parses the wire form; null when the text names no stage. */
  public static LeadStage parse(String text) {
    for (LeadStage s : values()) {
      if (s.wire().equals(text)) {
        return s;
      }
    }
    return null;
  }
}
