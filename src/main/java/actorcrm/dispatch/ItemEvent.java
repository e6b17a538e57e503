package actorcrm.dispatch;

import actorcrm.platform.CborSerializable;


/** What a lead or a ticket entity journals: the {@link AssignmentEvent}s and the item's own events, which extend this. */
public interface ItemEvent extends CborSerializable {}
