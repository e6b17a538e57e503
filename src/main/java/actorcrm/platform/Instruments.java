package actorcrm.platform;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small ports through which entities report what operators count (routing decisions, SLA
 * alerts), one set per actor system: the node fills them at boot before any entity starts, and an
 * entity looks its port up when it is created. An entity in the testkit, or on a node that fills
 * nothing, gets the port's no-op. Keeps Prometheus out of feature code and lets several nodes in one
 * JVM count apart.
 */
public final class Instruments implements Extension {
  private static final ExtensionId<Instruments> ID = new ExtensionId<>() {
    @Override
    public Instruments createExtension(ActorSystem<?> system) {
      return new Instruments();
    }
  };

  private final Map<Class<?>, Object> ports = new ConcurrentHashMap<>();

  private Instruments() {}

  /** Makes {@code port} the one {@code type} answers on {@code system}. */
  public static <P> void provide(ActorSystem<?> system, Class<P> type, P port) {
    ID.apply(system).ports.put(type, port);
  }

  /** The port of {@code type} on {@code system}, or {@code none} when the node provided none. */
  public static <P> P of(ActorSystem<?> system, Class<P> type, P none) {
    return type.cast(ID.apply(system).ports.getOrDefault(type, none));
  }
}
