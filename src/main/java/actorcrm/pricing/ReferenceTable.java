package actorcrm.pricing;

import java.util.List;

/** Outcome of importing a price-control table: the rows taken and the rows rejected, both in file order. */
public record ReferenceTable(List<ReferenceRow> rows, List<Rejection> rejections) {

  public ReferenceTable {
    rows = List.copyOf(rows);
    rejections = List.copyOf(rejections);
  }
}
