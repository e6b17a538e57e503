package actorcrm.sales;

import java.util.List;

/**
 * The verdict on moving a lead from one stage to another: allowed with the triggers it fires, or
 * rejected with a message naming both stages.
 */
public record StageTransition(LeadStage from, LeadStage to, List<StageTrigger> triggers, String rejection) {

  public StageTransition {
    triggers = List.copyOf(triggers);
  }

  static StageTransition allow(LeadStage from, LeadStage to, List<StageTrigger> triggers) {
    return new StageTransition(from, to, triggers, null);
  }

  static StageTransition reject(LeadStage from, LeadStage to, String why) {
    return new StageTransition(from, to, List.of(), why);
  }

  public boolean allowed() {
    return rejection == null;
  }
}
