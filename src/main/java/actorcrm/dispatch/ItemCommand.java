package actorcrm.dispatch;

import actorcrm.platform.CborSerializable;


/**
 * What a lead or a ticket entity is sent: the assignment protocol's {@link AssignmentCommand}s and
 * the item's own commands, which extend this. Both item entities are typed to it, so the
 * dispatcher and the reps address either kind through {@link WorkKind#entityKey()}.
 */
public interface ItemCommand extends CborSerializable {}
