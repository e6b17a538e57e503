package actorcrm.dispatch;

/** One routing attempt inside a drain: the decision and the router's state after it (loads, fairness). */
public record Routed<S>(RoutingDecision decision, S next) {}
