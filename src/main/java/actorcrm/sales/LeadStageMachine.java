package actorcrm.sales;

import java.util.Arrays;
import java.util.List;

/**
 * The rules for moving a lead through its stages: one step forward at a time
 * (new → contacted → qualified → quoted → won), lost from any open stage, nothing out of won or
 * lost and nothing backwards. Entering quoted creates a quotation, as the 需求分析 → 报价确认
 * trigger in the flow rules does.
 */
public final class LeadStageMachine {

  private LeadStageMachine() {}

  public static StageTransition transition(LeadStage from, LeadStage to) {
    if (from == null || to == null) {
      throw new IllegalArgumentException("both stages are required, got " + from + " -> " + to);
    }
    String move = from.wire() + " (" + from.label() + ") -> " + to.wire() + " (" + to.label() + ")";
    if (!from.open()) {
      return StageTransition.reject(from, to, "cannot move " + move + ": " + from.wire() + " is final");
    }
    if (from == to) {
      return StageTransition.reject(from, to, "cannot move " + move + ": the lead is already " + to.wire());
    }
    if (to == LeadStage.LOST) {
      return StageTransition.allow(from, to, List.of());
    }
    if (to.ordinal() < from.ordinal()) {
      return StageTransition.reject(from, to, "cannot move " + move + ": stages do not go backwards");
    }
    if (to.ordinal() != from.ordinal() + 1) {
      LeadStage next = LeadStage.values()[from.ordinal() + 1];
      return StageTransition.reject(from, to, "cannot move " + move + ": the next stage after " + from.wire()
          + " is " + next.wire());
    }
    return StageTransition.allow(from, to,
        to == LeadStage.QUOTED ? List.of(StageTrigger.QUOTATION_CREATED) : List.of());
  }

  /** Stages a lead in this stage may move to, for menus. */
  public static List<LeadStage> nextStages(LeadStage from) {
    return Arrays.stream(LeadStage.values()).filter(to -> transition(from, to).allowed()).toList();
  }
}
