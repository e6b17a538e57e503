package actorcrm.dispatch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingPolicyTest {

  private static RepSnapshot rep(String id, int capacity, int load) {
    return new RepSnapshot(id, true, Presence.ONLINE, Map.of("sales", 3), capacity, load);
  }

  private static WorkItem lead(String id) {
    return WorkItem.lead(id, Map.of(), Set.of(), 0);
  }

  private static Map<String, Integer> routeFreedEachTime(List<RepSnapshot> reps, long seed, int items) {
    Map<String, Integer> counts = new HashMap<>();
    FairnessState fairness = FairnessState.seeded(seed);
    for (int i = 0; i < items; i++) {
      RoutingDecision d = RoutingPolicy.route(lead("L" + i), reps, fairness);
      fairness = d.next();
      counts.merge(d.chosenRep().orElseThrow(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void equalLoadsSpreadAThousandLeadsEvenlyWhenEachIsClosedBeforeTheNext() {
    List<RepSnapshot> reps = List.of(rep("a", 10, 0), rep("b", 10, 0), rep("c", 10, 0), rep("d", 10, 0));

    Map<String, Integer> counts = routeFreedEachTime(reps, 42, 1000);

    assertEquals(Set.of("a", "b", "c", "d"), counts.keySet());
    int max = Collections.max(counts.values());
    int min = Collections.min(counts.values());
    assertTrue(max - min <= 1, "counts " + counts);
  }

  @Test
  void equalLoadsSpreadAThousandLeadsEvenlyWhileLoadsRise() {
    DispatchView view = DispatchView.empty(WorkKind.LEAD, 7);
    for (String id : List.of("d", "c", "b", "a")) {
      view = view.withRep(rep(id, 1000, 0));
    }
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      Routed<DispatchView> routed = view.route(lead("L" + i), WorkQueue.empty());
      view = routed.next();
      counts.merge(routed.decision().chosenRep().orElseThrow(), 1, Integer::sum);
    }

    assertTrue(Collections.max(counts.values()) - Collections.min(counts.values()) <= 1, "counts " + counts);
    assertEquals(1000, view.reps().values().stream().mapToInt(RepSnapshot::load).sum());
  }

  @Test
  void firstWinnerDependsOnTheSeedNotOnRepIdOrListOrder() {
    List<RepSnapshot> reps = List.of(rep("a", 10, 0), rep("b", 10, 0), rep("c", 10, 0), rep("d", 10, 0));
    Set<String> firstWinners = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      String first = RoutingPolicy.route(lead("L1"), reps, FairnessState.seeded(seed)).chosenRep().orElseThrow();
      firstWinners.add(first);
      List<RepSnapshot> shuffled = new ArrayList<>(reps);
      for (int round = 0; round < 5; round++) {
        Collections.shuffle(shuffled, new Random(seed * 31 + round));
        assertEquals(first, RoutingPolicy.route(lead("L1"), shuffled, FairnessState.seeded(seed)).chosenRep()
            .orElseThrow(), "list order changed the winner for seed " + seed);
      }
    }
    assertTrue(firstWinners.size() >= 3, "first winners over 20 seeds: " + firstWinners);
  }

  @Test
  void sameSeedReplaysTheSameSequenceWhateverTheListOrder() {
    List<RepSnapshot> reps = List.of(rep("r1", 10, 0), rep("r2", 10, 0), rep("r3", 10, 0), rep("r4", 10, 0));
    List<RepSnapshot> reversed = new ArrayList<>(reps);
    Collections.reverse(reversed);
    FairnessState f1 = FairnessState.seeded(99);
    FairnessState f2 = FairnessState.seeded(99);
    for (int i = 0; i < 50; i++) {
      RoutingDecision d1 = RoutingPolicy.route(lead("L" + i), reps, f1);
      RoutingDecision d2 = RoutingPolicy.route(lead("L" + i), reversed, f2);
      assertEquals(d1.chosenRep(), d2.chosenRep());
      f1 = d1.next();
      f2 = d2.next();
    }
    assertEquals(f1, f2);
  }

  @Test
  void lowestLoadRatioAfterTakingTheItemWins() {
    // a: (2+1)/10 = 0.3; b: (1+1)/3 = 0.67; c: (0+1)/2 = 0.5
    RoutingDecision d = RoutingPolicy.route(lead("L1"), List.of(rep("b", 3, 1), rep("c", 2, 0), rep("a", 10, 2)),
        FairnessState.seeded(1));

    assertEquals("a", d.chosenRep().orElseThrow());
    assertEquals(List.of("a", "c", "b"), d.candidates().stream().map(CandidateScore::repId).toList());
    assertEquals(0.3, d.candidates().get(0).loadRatio(), 1e-9);
    assertEquals(1, d.candidates().get(0).rank());
    assertEquals(RoutingPolicy.RULE_VERSION, d.ruleVersion());
  }

  @Test
  void equalRatiosWithDifferentCapacitiesTieAndGoToTheRepServedLeastRecently() {
    // x: (1+1)/4 = 0.5, y: (2+1)/6 = 0.5; y was served after x, so x's turn comes first.
    FairnessState fairness = FairnessState.seeded(5).served("x").served("y");

    RoutingDecision d = RoutingPolicy.route(lead("L1"), List.of(rep("y", 6, 2), rep("x", 4, 1)), fairness);

    assertEquals("x", d.chosenRep().orElseThrow());
    assertEquals(fairness.clock() + 1, d.next().lastServedOf("x"));
  }

  @Test
  void aRepBackFromAwayGetsNoBurstOfConsecutiveAssignments() {
    List<RepSnapshot> team = new ArrayList<>(List.of(rep("a", 10, 0), rep("b", 10, 0), rep("c", 10, 0),
        rep("d", 10, 0)));
    FairnessState fairness = FairnessState.seeded(3);
    int n = 0;
    for (int i = 0; i < 40; i++) {
      fairness = RoutingPolicy.route(lead("L" + n++), team, fairness).next();
    }
    team.set(3, team.get(3).withPresence(Presence.AWAY));
    for (int i = 0; i < 300; i++) {
      RoutingDecision d = RoutingPolicy.route(lead("L" + n++), team, fairness);
      assertFalse(d.chosenRep().orElseThrow().equals("d"));
      fairness = d.next();
    }
    team.set(3, team.get(3).withPresence(Presence.ONLINE));

    List<String> winners = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      RoutingDecision d = RoutingPolicy.route(lead("L" + n++), team, fairness);
      winners.add(d.chosenRep().orElseThrow());
      fairness = d.next();
    }

    for (int i = 1; i < winners.size(); i++) {
      assertFalse(winners.get(i).equals("d") && winners.get(i - 1).equals("d"), "burst in " + winners);
    }
    assertEquals(10, Collections.frequency(winners, "d"), "winners " + winners);
  }

  @Test
  void departedRepIsExcluded() {
    RepSnapshot gone = rep("gone", 10, 0).departed();

    RoutingDecision d = RoutingPolicy.route(lead("L1"), List.of(gone, rep("ok", 10, 0)), FairnessState.seeded(1));

    assertEquals("ok", d.chosenRep().orElseThrow());
    assertEquals(List.of(new Exclusion("gone", ExclusionReason.DEPARTED, "rep has departed")), d.exclusions());
  }

  @Test
  void repNotOnlineIsExcludedNamingItsPresence() {
    RoutingDecision d = RoutingPolicy.route(lead("L1"),
        List.of(rep("away", 10, 0).withPresence(Presence.AWAY), rep("off", 10, 0).withPresence(Presence.OFFLINE)),
        FairnessState.seeded(1));

    assertTrue(d.chosenRep().isEmpty());
    assertEquals(List.of(new Exclusion("away", ExclusionReason.NOT_ONLINE, "presence is away"),
        new Exclusion("off", ExclusionReason.NOT_ONLINE, "presence is offline")), d.exclusions());
  }

  @Test
  void repMissingASkillOrItsLevelIsExcludedNamingTheSkills() {
    WorkItem ticket = WorkItem.ticket("T1", Map.of("refund", 3, "english", 1), 2, Set.of(), 4);
    RepSnapshot weak = new RepSnapshot("weak", true, Presence.ONLINE, Map.of("refund", 2), 10, 0);
    RepSnapshot strong = new RepSnapshot("strong", true, Presence.ONLINE, Map.of("refund", 4, "english", 1), 10, 0);

    RoutingDecision d = RoutingPolicy.route(ticket, List.of(weak, strong), FairnessState.seeded(1));

    assertEquals("strong", d.chosenRep().orElseThrow());
    Exclusion e = d.exclusions().get(0);
    assertEquals(ExclusionReason.MISSING_SKILL, e.reason());
    assertEquals("lacks english (needs 1, has none), refund (needs 3, has 2)", e.detail());
  }

  @Test
  void repWithoutRoomForTheItemsWeightIsAtCapacity() {
    WorkItem ticket = WorkItem.ticket("T1", Map.of(), 3, Set.of(), 1);

    RoutingDecision d = RoutingPolicy.route(ticket, List.of(rep("full", 10, 8), rep("roomy", 10, 7)),
        FairnessState.seeded(1));

    assertEquals("roomy", d.chosenRep().orElseThrow());
    assertEquals(new Exclusion("full", ExclusionReason.AT_CAPACITY, "load 8 + weight 3 exceeds capacity 10"),
        d.exclusions().get(0));
  }

  @Test
  void noRepIsGivenMoreThanItsCapacityNotEvenAnIdleOne() {
    WorkItem heavy = WorkItem.ticket("T1", Map.of(), 5, Set.of(), 1);

    RoutingDecision d = RoutingPolicy.route(heavy, List.of(rep("none", 0, 0), rep("small", 3, 0), rep("big", 5, 0)),
        FairnessState.seeded(1));

    assertEquals("big", d.chosenRep().orElseThrow());
    assertEquals(ExclusionReason.AT_CAPACITY, d.exclusions().get(0).reason());
    assertFalse(RoutingPolicy.fits(0, 3, 5));
  }

  @Test
  void previousOwnerIsExcludedForTheItem() {
    WorkItem reclaimed = lead("L1").withExcluded("old");

    RoutingDecision d = RoutingPolicy.route(reclaimed, List.of(rep("old", 10, 0), rep("new", 10, 5)),
        FairnessState.seeded(1));

    assertEquals("new", d.chosenRep().orElseThrow());
    assertEquals(ExclusionReason.EXCLUDED_FOR_ITEM, d.exclusions().get(0).reason());
    assertEquals("old", d.exclusions().get(0).repId());
  }

  @Test
  void noEligibleRepLeavesTheItemUnassignedAndTheFairnessStateUnchanged() {
    FairnessState fairness = FairnessState.seeded(8).served("a");

    RoutingDecision d = RoutingPolicy.route(lead("L1"), List.of(rep("a", 1, 1)), fairness);

    assertFalse(d.assigned());
    assertTrue(d.candidates().isEmpty());
    assertEquals(fairness, d.next());
    assertTrue(d.summary().startsWith("L1 waits: no eligible rep [routing-v1]"), d.summary());
  }
}
