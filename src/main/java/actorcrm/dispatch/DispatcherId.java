package actorcrm.dispatch;


import actorcrm.platform.IdRules;
import java.util.Arrays;
import java.util.Locale;

/** A dispatcher's id, {@code team:lead} or {@code team:ticket}: one dispatcher per team and kind of work. */
public record DispatcherId(String team, WorkKind kind) {

  /** The team and kind {@code id} names; an id that is not one fails with {@link #problem}'s reason. */
  public static DispatcherId parse(String id) {
    String problem = problem(id);
    if (problem != null) {
      throw new IllegalArgumentException("dispatcher id " + IdRules.quote(String.valueOf(id)) + " is invalid: " + problem);
    }
    int colon = id.lastIndexOf(':');
    return new DispatcherId(id.substring(0, colon), WorkKind.valueOf(id.substring(colon + 1).toUpperCase(Locale.ROOT)));
  }

  /** Why {@code id} is not a dispatcher's id, or null if it is. */
  public static String problem(String id) {
    String problem = IdRules.problem(id);
    if (problem != null) {
      return problem;
    }
    int colon = id.lastIndexOf(':');
    String kind = colon < 0 ? "" : id.substring(colon + 1);
    if (Arrays.stream(WorkKind.values()).noneMatch(k -> k.wire().equals(kind))) {
      return "a dispatcher id is team:lead or team:ticket";
    }
    String team = IdRules.nameProblem(id.substring(0, colon));
    return team == null ? null : "its team is not a name: " + team;
  }
}
