package actorcrm.dispatch;

import actorcrm.dispatch.RepEntity.Command;
import actorcrm.dispatch.RepEntity.Event;
import actorcrm.dispatch.RepEntity.HandBackConfirmed;
import actorcrm.dispatch.RepEntity.Held;
import actorcrm.dispatch.RepEntity.ItemReleased;
import actorcrm.dispatch.RepEntity.ItemReserved;
import actorcrm.dispatch.RepEntity.Release;
import actorcrm.dispatch.RepEntity.Reserve;
import actorcrm.dispatch.RepEntity.State;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilderByState;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rep's side of the assignment protocol, joined to {@link RepEntity}'s handlers: the rep is
 * the single writer of its load. A reservation that would go over capacity, or to a rep not online,
 * is refused, so the rep's journal never shows it over capacity; reserving and releasing are
 * idempotent per item. Items handed back stay pending until each confirms it took itself back, and
 * are handed back again after a restart. Every verify interval the rep asks the items it holds
 * whether they are still its own, and releases those that went elsewhere.
 */
final class CapacityLedger {
  /** The ledger's messages to itself, on the way of a hand-back or a verification. */
  sealed interface LedgerCommand extends Command {}

  record HandedBack(String itemId) implements LedgerCommand {}

  record HandBackFailed(String itemId, String reason) implements LedgerCommand {}

  record HandBackAgain(String itemId, String reason) implements LedgerCommand {}

  /** The item does not count this rep as its owner; {@code since} names the reservation that was checked. */
  record NotHeld(String itemId, Instant since) implements LedgerCommand {}

  record VerifyHeld() implements LedgerCommand {}

  record Unverified(String itemId) implements LedgerCommand {}

  private final String repId;
  private final RepLinks links;
  private final EffectFactories<Event, State> effect;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Clock clock;
  private final Duration askTimeout;
  private final Duration handBackRetry;
  private final Consumer<State> changed;

  /** {@code changed} is told every state the ledger journals, so the rep's dispatchers hear of it. */
  CapacityLedger(String repId, RepLinks links, EffectFactories<Event, State> effect, ActorContext<Command> ctx,
                 TimerScheduler<Command> timers, Clock clock, Duration askTimeout, Duration handBackRetry,
                 Consumer<State> changed) {
    this.repId = repId;
    this.links = links;
    this.effect = effect;
    this.ctx = ctx;
    this.timers = timers;
    this.clock = clock;
    this.askTimeout = askTimeout;
    this.handBackRetry = handBackRetry;
    this.changed = changed;
  }

  CommandHandlerWithReplyBuilderByState<Command, Event, State, State> handlers(
      CommandHandlerWithReplyBuilderByState<Command, Event, State, State> builder) {
    return builder
        .onCommand(Reserve.class, this::onReserve)
        .onCommand(Release.class, this::onRelease)
        .onCommand(HandedBack.class, (state, cmd) -> state.handingBack().containsKey(cmd.itemId())
            ? effect.persist(new HandBackConfirmed(cmd.itemId(), clock.instant())).thenNoReply()
            : effect.noReply())
        .onCommand(HandBackFailed.class, (state, cmd) -> {
          if (state.handingBack().containsKey(cmd.itemId())) {
            // The item did not confirm (its node may be down): hand it back again shortly.
            timers.startSingleTimer("handback-" + cmd.itemId(), new HandBackAgain(cmd.itemId(), cmd.reason()),
                handBackRetry);
          }
          return effect.noReply();
        })
        .onCommand(HandBackAgain.class, (state, cmd) -> {
          Held held = state.handingBack().get(cmd.itemId());
          if (held != null) {
            handBack(Map.of(cmd.itemId(), held), cmd.reason());
          }
          return effect.noReply();
        })
        .onCommand(Unverified.class, (state, cmd) -> effect.noReply())
        .onCommand(VerifyHeld.class, (state, cmd) -> {
          verifyHeld(state, clock.instant().minus(askTimeout));
          return effect.noReply();
        })
        .onCommand(NotHeld.class, (state, cmd) -> state.items().containsKey(cmd.itemId())
            && state.items().get(cmd.itemId()).since().equals(cmd.since())
            ? effect.persist(new ItemReleased(cmd.itemId(), clock.instant())).thenRun(changed::accept).thenNoReply()
            : effect.noReply());
  }

  /** After a restart: hands back again what was pending, checks every reservation, and keeps checking. */
  void resume(State state, Duration verifyInterval) {
    handBack(state.handingBack(), "handed back before a restart");
    verifyHeld(state, clock.instant());
    timers.startTimerWithFixedDelay("verify", new VerifyHeld(), verifyInterval);
  }

  void handBack(Map<String, Held> items, String reason) {
    items.forEach((itemId, held) -> ctx.pipeToSelf(links.handBack(repId, itemId, held, reason),
        (done, failure) -> failure == null ? new HandedBack(itemId) : new HandBackFailed(itemId, reason)));
  }

  private ReplyEffect<Event, State> onReserve(State state, Reserve cmd) {
    if (state.items().containsKey(cmd.itemId())) {
      return effect.reply(cmd.replyTo(), StatusReply.success(state));
    }
    String refusal = refusal(state, cmd);
    if (refusal != null) {
      changed.accept(state);
      return effect.reply(cmd.replyTo(), StatusReply.error(refusal));
    }
    return effect.persist(new ItemReserved(cmd.itemId(), cmd.kind(), cmd.weight(), clock.instant()))
        .thenRun(changed::accept)
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  private static String refusal(State state, Reserve cmd) {
    if (!state.known()) {
      return "rep " + state.repId() + " does not exist";
    }
    if (state.departed()) {
      return "rep " + state.repId() + " has departed";
    }
    if (state.presence() != Presence.ONLINE) {
      return "rep " + state.repId() + " is " + state.presence().wire();
    }
    int load = state.load(cmd.kind());
    int capacity = state.profile().capacity(cmd.kind());
    if (load + cmd.weight() > capacity) {
      return "rep " + state.repId() + " is full: load " + load + " + " + cmd.weight() + " > capacity " + capacity;
    }
    return null;
  }

  private ReplyEffect<Event, State> onRelease(State state, Release cmd) {
    if (!state.items().containsKey(cmd.itemId())) {
      return effect.reply(cmd.replyTo(), StatusReply.success(state));
    }
    return effect.persist(new ItemReleased(cmd.itemId(), clock.instant()))
        .thenRun(changed::accept)
        .thenReply(cmd.replyTo(), StatusReply::success);
  }

  /**
   * Asks every item held since before {@code reservedBefore} whether it is still this rep's: a
   * reservation whose item went elsewhere (a reply lost in a crash) is released instead of holding
   * capacity forever. Done after a restart and then every verify interval, it also wakes the items,
   * which are not remembered entities: an item whose node died restarts from its journal and
   * re-arms its timers (forced circulation, SLA). Reservations younger than {@code reservedBefore}
   * are left for the next round: their item may still be between reserving and journaling the owner.
   */
  private void verifyHeld(State state, Instant reservedBefore) {
    state.items().forEach((itemId, held) -> {
      if (held.since().isBefore(reservedBefore)) {
        ctx.pipeToSelf(links.holds(repId, itemId, held),
            (holds, failure) -> failure == null && !holds ? new NotHeld(itemId, held.since()) : new Unverified(itemId));
      }
    });
  }
}
