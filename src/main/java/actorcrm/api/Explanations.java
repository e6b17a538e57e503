package actorcrm.api;


import actorcrm.dispatch.RoutingRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The routing history of a lead or ticket as {@code explain} shows it: each decision with candidates and exclusions. */
final class Explanations {
  private Explanations() {}

  static List<Map<String, Object>> decisions(List<RoutingRecord> history) {
    return history.stream().map(d -> {
      Map<String, Object> decision = new LinkedHashMap<>();
      decision.put("at", d.at());
      decision.put("outcome", d.outcome());
      decision.put("chosen_rep", d.decision().chosenRep().orElse(null));
      decision.put("rule_version", d.decision().ruleVersion());
      decision.put("candidates", d.decision().candidates());
      decision.put("exclusions", d.decision().exclusions());
      return decision;
    }).toList();
  }
}
