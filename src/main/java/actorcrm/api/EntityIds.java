package actorcrm.api;

import actorcrm.platform.IdRules;
import actorcrm.dispatch.DispatcherEntity;
import actorcrm.dispatch.DispatcherId;
import actorcrm.dispatch.RepEntity;
import actorcrm.dispatch.WorkKind;
import actorcrm.pricing.ProductEntity;
import actorcrm.pricing.Sku;
import actorcrm.sales.LeadEntity;
import actorcrm.service.TicketEntity;
import actorcrm.shop.ShopEntity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

import java.util.Map;
import java.util.function.Function;

/**
 * The id shape of every entity type the API addresses, checked before the entity is: asking an
 * entity starts it (a remembered one for good), so an id no entity of that type could have must
 * never reach sharding.
 */
final class EntityIds {
  private static final Map<String, Function<String, String>> PROBLEMS = Map.of(
      ProductEntity.ENTITY_TYPE_KEY.name(), Sku::idProblem,
      ShopEntity.ENTITY_TYPE_KEY.name(), IdRules::nameProblem,
      RepEntity.ENTITY_TYPE_KEY.name(), IdRules::nameProblem,
      LeadEntity.ENTITY_TYPE_KEY.name(), WorkKind.LEAD::idProblem,
      TicketEntity.ENTITY_TYPE_KEY.name(), WorkKind.TICKET::idProblem,
      DispatcherEntity.ENTITY_TYPE_KEY.name(), DispatcherId::problem);

  private EntityIds() {}

  static boolean known(EntityTypeKey<?> key) {
    return PROBLEMS.containsKey(key.name());
  }

  /** Why {@code id} cannot be the id of an entity of type {@code key}, or null if it can. */
  static String problem(EntityTypeKey<?> key, String id) {
    Function<String, String> problem = PROBLEMS.get(key.name());
    if (problem == null) {
      throw new IllegalStateException("no id shape is known for entity type " + key.name());
    }
    return problem.apply(id);
  }
}
