package actorcrm.ingest;

/**
 * What one record decoded to: a value, or the reason it is not one, said so that whoever produced
 * the record can fix it. Exactly one of the two is set.
 */
public record Decoded<T>(T value, String problem) {
  public Decoded {
    if ((value == null) == (problem == null)) {
      throw new IllegalArgumentException("a decoded record has either a value or a problem, got value " + value
          + " and problem " + problem);
    }
  }

  public static <T> Decoded<T> of(T value) {
    return new Decoded<>(value, null);
  }

  public static <T> Decoded<T> rejected(String problem) {
    return new Decoded<>(null, problem);
  }

  public boolean ok() {
    return problem == null;
  }
}
