package actorcrm.dispatch;

/**
 * An eligible rep as routing scored it: the load ratio it would have after taking the item
 * ((load + weight) / capacity, lower wins), when it was last served (for the fairness tie-break;
 * {@link FairnessState#NEVER} if never) and its rank, 1 being the chosen rep.
 */
public record CandidateScore(String repId, int load, int weight, int capacity, double loadRatio, long lastServed,
    int rank) {}
