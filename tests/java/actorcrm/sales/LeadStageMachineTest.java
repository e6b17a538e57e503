package actorcrm.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeadStageMachineTest {

  @Test
  void leadMovesOneStageAtATimeToWon() {
    List<LeadStage> path = List.of(LeadStage.NEW, LeadStage.CONTACTED, LeadStage.QUALIFIED, LeadStage.QUOTED,
        LeadStage.WON);
    for (int i = 1; i < path.size(); i++) {
      assertTrue(LeadStageMachine.transition(path.get(i - 1), path.get(i)).allowed(), path.get(i).wire());
    }
  }

  @Test
  void enteringQuotedCreatesAQuotation() {
    StageTransition t = LeadStageMachine.transition(LeadStage.QUALIFIED, LeadStage.QUOTED);

    assertTrue(t.allowed());
    assertEquals(List.of(StageTrigger.QUOTATION_CREATED), t.triggers());
    assertTrue(LeadStageMachine.transition(LeadStage.QUOTED, LeadStage.WON).triggers().isEmpty());
  }

  @Test
  void anyOpenStageMayBeLost() {
    for (LeadStage from : List.of(LeadStage.NEW, LeadStage.CONTACTED, LeadStage.QUALIFIED, LeadStage.QUOTED)) {
      StageTransition t = LeadStageMachine.transition(from, LeadStage.LOST);
      assertTrue(t.allowed(), from.wire());
      assertTrue(t.triggers().isEmpty());
    }
  }

  @Test
  void skippingAStageIsRejectedNamingBothStages() {
    StageTransition t = LeadStageMachine.transition(LeadStage.CONTACTED, LeadStage.QUOTED);

    assertFalse(t.allowed());
    assertTrue(t.triggers().isEmpty());
    assertEquals("cannot move contacted (已联系) -> quoted (报价确认): the next stage after contacted is qualified",
        t.rejection());
    assertFalse(LeadStageMachine.transition(LeadStage.NEW, LeadStage.WON).allowed());
  }

  @Test
  void wonAndLostAreFinal() {
    StageTransition t = LeadStageMachine.transition(LeadStage.WON, LeadStage.LOST);

    assertFalse(t.allowed());
    assertEquals("cannot move won (赢单) -> lost (输单): won is final", t.rejection());
    assertTrue(LeadStageMachine.nextStages(LeadStage.LOST).isEmpty());
  }

  @Test
  void stagesDoNotGoBackwardsOrRepeat() {
    assertEquals("cannot move quoted (报价确认) -> qualified (需求分析): stages do not go backwards",
        LeadStageMachine.transition(LeadStage.QUOTED, LeadStage.QUALIFIED).rejection());
    assertFalse(LeadStageMachine.transition(LeadStage.NEW, LeadStage.NEW).allowed());
  }

  @Test
  void nextStagesOfAnOpenStageAreTheNextOneAndLost() {
    assertEquals(List.of(LeadStage.QUOTED, LeadStage.LOST), LeadStageMachine.nextStages(LeadStage.QUALIFIED));
  }

  @Test
  void stagesHaveLowerCaseWireNamesAndChineseLabels() {
    assertEquals("qualified", LeadStage.QUALIFIED.wire());
    assertEquals("需求分析", LeadStage.QUALIFIED.label());
    assertEquals("报价确认", LeadStage.QUOTED.label());
    assertEquals(LeadStage.QUOTED, LeadStage.parse("quoted"));
    assertEquals(null, LeadStage.parse("QUOTED"));
  }
}
