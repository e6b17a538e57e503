package actorcrm.dispatch;

import actorcrm.platform.Instruments;
import actorcrm.dispatch.AssignmentCommand.Dispatch;
import actorcrm.dispatch.AssignmentCommand.Holds;
import actorcrm.dispatch.AssignmentCommand.Propose;
import actorcrm.dispatch.AssignmentCommand.Reroute;
import actorcrm.dispatch.AssignmentCommand.ReserveAgain;
import actorcrm.dispatch.AssignmentCommand.Reserved;
import actorcrm.dispatch.AssignmentCommand.Routed;
import actorcrm.dispatch.AssignmentEvent.Assigned;
import actorcrm.dispatch.AssignmentEvent.ProposalRefused;
import actorcrm.dispatch.AssignmentEvent.Proposed;
import actorcrm.dispatch.AssignmentEvent.Queued;
import actorcrm.dispatch.AssignmentEvent.Unassigned;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilderByState;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The assignment protocol as an item entity (lead or ticket) runs it, written once: the item is
 * the single writer of its owner. It asks its team's dispatcher for a rep, journals the proposal,
 * reserves capacity at that rep and only then journals the assignment, so after a crash it knows
 * where it stood and resumes. A refused reservation routes it again; a rep handing it back routes
 * it again; while queued it asks the dispatcher now and then, so a proposal lost with a node does
 * not strand it. The entity joins these handlers to its own and tells the protocol, through
 * {@link Item}, what is particular to it.
 */
public final class AssignmentProtocol<S extends Assignable> {

  /** What is particular to the entity the protocol runs in. */
  public interface Item<S> {
    String itemId();

    /** The state with whatever the entity holds back from the journal (a new lead's creation) applied. */
    default S current(S journaled) {
      return journaled;
    }

    /** The events to journal for {@code event}, after whatever the entity held back. */
    default List<ItemEvent> journal(ItemEvent event) {
      return List.of(event);
    }

    /**
     * What the item journals instead of waiting when no rep of the team will ever take it
     * ({@link RoutingDecision#nobodyLeft()}), such as a lead going to its manager; empty to wait.
     */
    default Optional<ItemEvent> nobodyLeft(S state, RoutingDecision decision) {
      return Optional.empty();
    }

    /**
     * Whether a proposal may be answered as soon as it is journaled: true for a remembered entity,
     * which a restart resumes; a passivating one answers once the rep has answered.
     */
    boolean remembered();

    /** The item was queued: its creators may hear so. */
    void queued(S state);

    void assigned(S state);

    default void unassigned(S state) {
    }
  }

  private final Item<S> item;
  private final AssignmentLinks links;
  private final EffectFactories<ItemEvent, S> effect;
  private final ActorContext<ItemCommand> ctx;
  private final TimerScheduler<ItemCommand> timers;
  private final Clock clock;
  private final Retries retries;
  private final AssignmentMetrics metrics;
  private final List<ActorRef<Done>> waitingProposers = new ArrayList<>();

  public AssignmentProtocol(Item<S> item, AssignmentLinks links, EffectFactories<ItemEvent, S> effect,
                            ActorContext<ItemCommand> ctx, TimerScheduler<ItemCommand> timers, Clock clock,
                            Retries retries) {
    this.item = item;
    this.links = links;
    this.effect = effect;
    this.ctx = ctx;
    this.timers = timers;
    this.clock = clock;
    this.retries = retries;
    this.metrics = Instruments.of(ctx.getSystem(), AssignmentMetrics.class, AssignmentMetrics.NONE);
  }

  /** Adds the protocol's command handlers to the entity's. */
  public CommandHandlerWithReplyBuilderByState<ItemCommand, ItemEvent, S, S> handlers(
      CommandHandlerWithReplyBuilderByState<ItemCommand, ItemEvent, S, S> builder) {
    return builder
        .onCommand(Dispatch.class, (state, cmd) -> onDispatch(state))
        .onCommand(Routed.class, this::onRouted)
        .onCommand(Propose.class, this::onPropose)
        .onCommand(Reserved.class, this::onReserved)
        .onCommand(ReserveAgain.class, (state, cmd) -> {
          if (state.assignable() && state.assignment().awaiting(cmd.repId())) {
            reserve(state, cmd.repId());
          }
          return effect.noReply();
        })
        .onCommand(Reroute.class, this::onReroute)
        .onCommand(Holds.class, (state, cmd) -> effect.reply(cmd.replyTo(), state.assignment().holds(cmd.repId())));
  }

  /** After a restart or a move: a queued item asks again, a proposed one reserves at its rep again. */
  public void resume(S state) {
    Assignment a = state.assignment();
    if (a.status() == Assignment.Status.QUEUED) {
      dispatch();
    } else if (a.status() == Assignment.Status.PROPOSED) {
      reserve(state, a.proposedRep());
    }
  }

  public void dispatch() {
    ctx.getSelf().tell(new Dispatch());
  }

  /** Asks the dispatcher now, whatever the item's status: an escalated item is queued again at its new priority. */
  public void route(S state) {
    ctx.pipeToSelf(links.route(state.team(), state.workItem()),
        (reply, failure) -> new Routed(reply, failure == null ? null : failure.toString()));
  }

  /** Gives a rep's capacity back (forced circulation, closing); idempotent. */
  public void release(String repId) {
    links.release(repId, item.itemId());
  }

  /** The item closed: every rep it held or reserved at gets its capacity back, and it leaves the queue. */
  public void closed(S before) {
    timers.cancel("queued");
    Assignment a = before.assignment();
    if (a.owner() != null) {
      release(a.owner());
    }
    if (a.proposedRep() != null) {
      release(a.proposedRep());
    }
    links.withdraw(before.team(), item.itemId());
  }

  private ReplyEffect<ItemEvent, S> onDispatch(S journaled) {
    S state = item.current(journaled);
    if (state.assignable() && state.assignment().routable()) {
      route(state);
    }
    return effect.noReply();
  }

  private ReplyEffect<ItemEvent, S> onRouted(S journaled, Routed cmd) {
    S state = item.current(journaled);
    if (!state.assignable() || !state.assignment().routable()) {
      if (cmd.reply() instanceof DispatcherEntity.Proposal p) {
        declined(state, p.repId());
      }
      return effect.noReply();
    }
    if (cmd.failure() != null) {
      timers.startSingleTimer("dispatch", new Dispatch(), retries.route());
      return effect.noReply();
    }
    if (cmd.reply() instanceof DispatcherEntity.Proposal p) {
      return effect.persist(item.journal(new Proposed(p.repId(), p.decision(), clock.instant())))
          .thenRun(s -> {
            metrics.routed(s.workItem().kind(), true);
            reserve(s, p.repId());
          })
          .thenNoReply();
    }
    Optional<ItemEvent> handedOver = cmd.reply().decision().nobodyLeft()
        ? item.nobodyLeft(state, cmd.reply().decision()) : Optional.empty();
    if (handedOver.isPresent()) {
      links.withdraw(state.team(), item.itemId());
      return effect.persist(item.journal(handedOver.get())).thenRun(item::queued).thenNoReply();
    }
    if (state.assignment().status() == Assignment.Status.QUEUED) {
      timers.startSingleTimer("queued", new Dispatch(), retries.queueRecheck());
      return effect.noReply();
    }
    return effect.persist(item.journal(new Queued(cmd.reply().decision(), clock.instant())))
        .thenRun(s -> {
          metrics.routed(s.workItem().kind(), false);
          item.queued(s);
          timers.startSingleTimer("queued", new Dispatch(), retries.queueRecheck());
        })
        .thenNoReply();
  }

  private ReplyEffect<ItemEvent, S> onPropose(S journaled, Propose cmd) {
    S state = item.current(journaled);
    // NEW too: the dispatcher may drain the queue before its "queued" answer reaches the item.
    if (!state.assignable() || !state.assignment().routable()) {
      declined(state, cmd.repId());
      return effect.reply(cmd.replyTo(), Done.getInstance());
    }
    var persisted = effect.persist(item.journal(new Proposed(cmd.repId(), cmd.decision(), clock.instant())))
        .thenRun(s -> {
          metrics.routed(s.workItem().kind(), true);
          reserve(s, cmd.repId());
        });
    if (item.remembered()) {
      return persisted.thenReply(cmd.replyTo(), s -> Done.getInstance());
    }
    waitingProposers.add(cmd.replyTo());
    return persisted.thenNoReply();
  }

  private void declined(S state, String repId) {
    String team = state.team();
    if (team != null) {
      links.declined(team, item.itemId(), repId, state.workItem().weight());
    }
  }

  private void reserve(S state, String repId) {
    ctx.pipeToSelf(links.reserve(repId, item.itemId(), state.workItem().weight()),
        (ok, failure) -> new Reserved(repId, failure == null ? null : failure.getMessage(),
            AssignmentLinks.unanswered(failure)));
  }

  private ReplyEffect<ItemEvent, S> onReserved(S state, Reserved cmd) {
    if (!state.assignable() || !state.assignment().awaiting(cmd.repId())) {
      if (cmd.refusal() == null) {
        release(cmd.repId());
      }
      return effect.noReply();
    }
    if (cmd.unanswered()) {
      timers.startSingleTimer("reserve", new ReserveAgain(cmd.repId()), retries.reserve());
      return effect.noReply();
    }
    if (cmd.refusal() != null) {
      return effect.persist(item.journal(new ProposalRefused(cmd.repId(), cmd.refusal(), clock.instant())))
          .thenRun(s -> {
            answerProposers();
            // Whatever failed, the rep may hold a reservation after all: give it back (idempotent).
            release(cmd.repId());
            timers.startSingleTimer("dispatch", new Dispatch(), retries.afterRefusal());
          })
          .thenNoReply();
    }
    timers.cancel("queued");
    return effect.persist(item.journal(new Assigned(cmd.repId(), state.team(), clock.instant())))
        .thenRun(s -> {
          answerProposers();
          List<RoutingRecord> decisions = s.assignment().decisions();
          if (!decisions.isEmpty()) {
            metrics.assigned(s.workItem().kind(), Duration.between(decisions.get(0).at(), s.assignment().assignedAt()));
          }
          item.assigned(s);
        })
        .thenNoReply();
  }

  private ReplyEffect<ItemEvent, S> onReroute(S state, Reroute cmd) {
    if (!state.assignable() || !state.assignment().holds(cmd.fromRep())) {
      return effect.reply(cmd.replyTo(), Done.getInstance());
    }
    return effect.persist(item.journal(new Unassigned(cmd.fromRep(), cmd.reason(), false, clock.instant())))
        .thenRun(s -> {
          item.unassigned(s);
          dispatch();
        })
        .thenReply(cmd.replyTo(), s -> Done.getInstance());
  }

  private void answerProposers() {
    waitingProposers.forEach(ref -> ref.tell(Done.getInstance()));
    waitingProposers.clear();
  }
}
