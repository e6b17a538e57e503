package actorcrm.platform;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How the admin endpoint reads one sharded entity type: its key, the command that returns its
 * state, and whether that state means the entity has ever existed.
 */
public record EntityKind<C, S>(EntityTypeKey<C> key, Function<ActorRef<S>, C> get, Predicate<S> exists) {
  public String name() {
    return key.name();
  }
}
