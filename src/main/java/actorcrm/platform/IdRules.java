package actorcrm.platform;

/**
 * What every entity id must be, and what a name that becomes one (a shop, rep, team, product or
 * size) must be. Each entity type adds its own shape on top (a SKU is {@code product:size}, a lead
 * {@code L-} and 20 hex digits); the API checks them all before it addresses an entity.
 */
public final class IdRules {
  /** The journal keeps {@code type|id} in a 255-character column; the longest type name is 10. */
  public static final int MAX_LENGTH = 200;

  private IdRules() {}

  /** Why {@code id} cannot be any entity's id, or null if it can. */
  public static String problem(String id) {
    if (id == null || id.isEmpty()) {
      return "it is empty";
    }
    if (id.length() > MAX_LENGTH) {
      return "it is " + id.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
    }
    // Pekko joins type and id with '|' into the persistence id and refuses an id that contains one.
    if (id.indexOf('|') >= 0) {
      return "it contains '|'";
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        return "it contains the control character U+" + String.format("%04X", (int) id.charAt(i));
      }
    }
    return null;
  }

  /**
   * Why {@code name} cannot name a shop, rep, team, product or size, or null if it can. Names are
   * addressed in URL paths ({@code /api/reps/{rep_id}}), so they hold no path separators.
   */
  public static String nameProblem(String name) {
    String problem = problem(name);
    if (problem != null) {
      return problem;
    }
    if (!name.strip().equals(name)) {
      return "it starts or ends with white space";
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      return "it contains '/' or '\\'";
    }
    if (name.codePoints().noneMatch(Character::isLetterOrDigit)) {
      return "it has no letter or digit";
    }
    return null;
  }

  /** {@code text} as an error message quotes it: at most 80 characters. */
  public static String quote(String text) {
    return "'" + (text.length() <= 80 ? text : text.substring(0, 77) + "...") + "'";
  }
}
