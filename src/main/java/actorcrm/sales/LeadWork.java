package actorcrm.sales;

import actorcrm.dispatch.ItemEvent;
import actorcrm.sales.LeadEntity.Activity;
import actorcrm.sales.LeadEntity.ActivityLogged;
import actorcrm.sales.LeadEntity.FirstContacted;
import actorcrm.sales.LeadEntity.Quotation;
import actorcrm.sales.LeadEntity.QuotationCreated;
import actorcrm.sales.LeadEntity.StageChange;
import actorcrm.sales.LeadEntity.StageChanged;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The decisions on a lead's own work, as pure functions: what logging an activity or moving the
 * stage journals, or why it is refused. The owner's first qualifying contact after an assignment
 * is recorded with whether it came within the contact SLA; entering "quoted" creates a quotation.
 */
final class LeadWork {
  /** The events to journal, or the reason the command is refused. */
  record Decision(List<ItemEvent> events, String rejection) {
    static Decision refused(String rejection) {
      return new Decision(List.of(), rejection);
    }
  }

  private LeadWork() {}

  static Decision logActivity(LeadState state, String repId, ActivityType type, String note, Instant now,
                              Duration contactSla) {
    if (!state.known()) {
      return Decision.refused("lead " + state.leadId() + " does not exist");
    }
    if (type == null) {
      return Decision.refused("type must be one of call, email, meeting, note, view");
    }
    if (repId == null || repId.isBlank()) {
      return Decision.refused("rep_id is required");
    }
    Activity activity = new Activity(repId, type, note, now);
    List<ItemEvent> events = new ArrayList<>();
    events.add(new ActivityLogged(activity));
    boolean firstContact = state.status() == LeadStatus.ASSIGNED && repId.equals(state.owner()) && type.qualifying()
        && (state.lastQualifyingAt() == null || state.lastQualifyingAt().isBefore(state.assignedAt()));
    if (firstContact) {
      boolean withinSla = !now.isAfter(state.assignedAt().plus(contactSla));
      events.add(new FirstContacted(repId, state.info().team(), withinSla, now));
    }
    return new Decision(events, null);
  }

  static Decision changeStage(LeadState state, LeadStage stage, String by, Instant now) {
    if (!state.known()) {
      return Decision.refused("lead " + state.leadId() + " does not exist");
    }
    if (stage == null) {
      return Decision.refused("stage must be one of new, contacted, qualified, quoted, won, lost");
    }
    StageTransition transition = LeadStageMachine.transition(state.stage(), stage);
    if (!transition.allowed()) {
      return Decision.refused(transition.rejection());
    }
    List<ItemEvent> events = new ArrayList<>();
    events.add(new StageChanged(new StageChange(state.stage(), stage, by, now), state.owner(), state.info().team()));
    if (transition.triggers().contains(StageTrigger.QUOTATION_CREATED)) {
      String id = "Q-" + state.leadId() + "-" + (state.quotations().size() + 1);
      events.add(new QuotationCreated(new Quotation(id, state.leadId(), now)));
    }
    return new Decision(events, null);
  }
}
