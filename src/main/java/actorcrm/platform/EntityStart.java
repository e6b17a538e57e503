package actorcrm.platform;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityContext;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starts a sharded entity only if its id is one it can run under. Ids are checked before any
 * entity is addressed, but a remembered entity from before that (say dispatcher
 * {@code ../../etc/passwd}) is started again by its shard after every restart; failing in its
 * constructor, it would be restarted every 10 s forever. Instead it logs an ERROR and passivates,
 * which also removes it from the remembered entities, so it is never started again.
 */
public final class EntityStart {
  private EntityStart() {}

  /** {@code create}'s entity, or, when {@code idProblem} finds fault with the id, one that passivates at once. */
  public static <C> Behavior<C> checked(EntityContext<C> ctx, Function<String, String> idProblem, Supplier<Behavior<C>> create) {
    return checked(ctx, idProblem, create, null);
  }

  /** As above, for an entity type that the shard stops with a message of class {@code stopMessage}. */
  public static <C> Behavior<C> checked(EntityContext<C> ctx, Function<String, String> idProblem, Supplier<Behavior<C>> create,
                                        Class<? extends C> stopMessage) {
    String problem = idProblem.apply(ctx.getEntityId());
    if (problem == null) {
      return create.get();
    }
    return Behaviors.setup(self -> {
      self.getLog().error("{} entity {} has an id it cannot run under ({}); passivating it so it is forgotten, not restarted",
          ctx.getEntityTypeKey().name(), IdRules.quote(ctx.getEntityId()), problem);
      ctx.getShard().tell(new ClusterSharding.Passivate<>(self.getSelf()));
      // Whatever reaches it meanwhile is dropped; without a stop message the shard stops it with a PoisonPill.
      return Behaviors.receiveMessage(message -> stopMessage != null && stopMessage.isInstance(message)
          ? Behaviors.stopped()
          : Behaviors.same());
    });
  }
}
