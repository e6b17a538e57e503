package actorcrm.ops;

import actorcrm.platform.Instruments;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's readiness checks as Pekko Management loads them by name
 * ({@code pekko.management.health-checks.readiness-checks} in cluster.conf), each answering from the
 * node's {@link Health}; a system whose node was not wired is not ready.
 */
public final class ReadinessChecks {
  private ReadinessChecks() {}

  /** Every entity type's shard region has started. */
  public static final class Sharding extends Check {
    public Sharding(ActorSystem system) {
      super(system, Health::started);
    }
  }

  /** The journal's database answers {@code select 1}. */
  public static final class Journal extends Check {
    public Journal(ActorSystem system) {
      super(system, health -> health.databaseProblem().thenApply(problem -> problem.isEmpty()));
    }
  }

  /** Every Kafka ingest graph holds a broker connection (true when Kafka is not configured). */
  public static final class Kafka extends Check {
    public Kafka(ActorSystem system) {
      super(system, health -> health.kafkaProblems().thenApply(problems -> problems.isEmpty()));
    }
  }

  abstract static class Check implements Supplier<CompletionStage<Boolean>> {
    private final ActorSystem system;
    private final Function<Health, CompletionStage<Boolean>> check;

    Check(ActorSystem system, Function<Health, CompletionStage<Boolean>> check) {
      this.system = system;
      this.check = check;
    }

    @Override
    public CompletionStage<Boolean> get() {
      Health health = Instruments.of(Adapter.toTyped(system), Health.class, null);
      return health == null ? CompletableFuture.completedFuture(false) : check.apply(health);
    }
  }
}
