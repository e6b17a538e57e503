package actorcrm.pricing;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Imports the brand's price-control table (控价表) from CSV text as the customer writes it: either
 * the headerless nine-column layout of the seed (序号, 商品名称, 容量, 箱规, 条形码, 功效, 贸易方式,
 * 主图显示价格, 单瓶最低到手价) or any column order under a Chinese, pinyin or English header.
 * Unquoted commas inside the free-text 功效 column are repaired by reading the columns left of it
 * from the left and the columns right of it from the right. Every other defect rejects the row,
 * with its line and the offending field, while the good rows still import: a size that is not a
 * size, a SKU on two lines, text a lenient decoder already damaged ({@link ReferenceImport} adds the
 * field limits and {@link ReferenceRow#floorProblem}).
 * The bytes of a file become text in {@link TableEncoding} first.
 */
public final class ReferenceTableParser {

  enum Column {
    NUMBER("row number (序号)", "序号", "xh", "no", "number", "rowno", "row"),
    PRODUCT("product (商品名称)", "商品名称", "商品", "产品", "产品名称", "spmc", "product", "productname", "name"),
    SIZE("size (容量)", "容量", "规格", "rl", "size", "capacity", "volume"),
    CASE_PACK("case pack (箱规)", "箱规", "xg", "casepack", "case"),
    BARCODE("barcode (条形码)", "条形码", "条码", "txm", "barcode", "ean"),
    EFFECT("effect (功效)", "功效", "gx", "effect", "effects", "description"),
    TRADE_MODE("trade mode (贸易方式)", "贸易方式", "myfs", "trademode", "trade"),
    LIST_PRICE("list_price (主图显示价格)", "主图显示价格", "主图价", "标价", "ztxsjg", "listprice", "list", "price"),
    FLOOR("floor (单瓶最低到手价)", "单瓶最低到手价", "最低到手价", "控价", "dpzddsj", "floor", "floorprice", "minprice",
        "minimumprice", "lowestprice");

    final String display;
    final Set<String> names;

    Column(String display, String... names) {
      this.display = display;
      this.names = Set.of(names);
    }

    static Column named(String header) {
      String key = Normalizer.normalize(header, Normalizer.Form.NFKC)
          .toLowerCase(Locale.ROOT)
          .replaceAll("[\\s_\\-.]", "");
      return Arrays.stream(values()).filter(c -> c.names.contains(key)).findFirst().orElse(null);
    }
  }

  private static final List<Column> SEED_LAYOUT = List.of(Column.NUMBER, Column.PRODUCT, Column.SIZE,
      Column.CASE_PACK, Column.BARCODE, Column.EFFECT, Column.TRADE_MODE, Column.LIST_PRICE, Column.FLOOR);
  private static final List<Column> REQUIRED = List.of(Column.PRODUCT, Column.SIZE, Column.LIST_PRICE, Column.FLOOR);
  private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

  private ReferenceTableParser() {}

  public static ReferenceTable parse(String csvText) {
    List<CsvReader.Record> records = CsvReader.read(csvText);
    List<ReferenceRow> rows = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    if (records.isEmpty()) {
      return new ReferenceTable(rows, rejections);
    }
    List<Column> layout = SEED_LAYOUT;
    int first = 0;
    List<Column> header = headerOf(records.get(0));
    if (header != null) {
      first = 1;
      layout = header;
      List<String> missing = REQUIRED.stream().filter(c -> !header.contains(c)).map(c -> c.display).toList();
      if (!missing.isEmpty()) {
        rejections.add(new Rejection(records.get(0).line(), "header has no column for " + String.join(", ", missing)));
        return new ReferenceTable(rows, rejections);
      }
    }
    for (CsvReader.Record record : records.subList(first, records.size())) {
      try {
        rows.add(toRow(record, layout));
      } catch (RowRejected e) {
        rejections.add(new Rejection(record.line(), e.getMessage()));
      }
    }
    List<ReferenceRow> unique = withoutDuplicates(rows, rejections);
    rejections.sort(Comparator.comparingInt(Rejection::line));
    return new ReferenceTable(unique, rejections);
  }

  /**
   * A SKU on two lines of one file is a mistake in the table: rows that agree are imported once,
   * rows that disagree are all rejected, because either floor could be the wrong one.
   */
  private static List<ReferenceRow> withoutDuplicates(List<ReferenceRow> rows, List<Rejection> rejections) {
    Map<String, List<ReferenceRow>> bySku = new LinkedHashMap<>();
    rows.forEach(r -> bySku.computeIfAbsent(r.sku().id(), k -> new ArrayList<>()).add(r));
    List<ReferenceRow> unique = new ArrayList<>();
    for (List<ReferenceRow> same : bySku.values()) {
      ReferenceRow first = same.get(0);
      if (same.size() == 1) {
        unique.add(first);
        continue;
      }
      String lines = same.stream().map(r -> Integer.toString(r.line())).collect(Collectors.joining(", "));
      boolean agree = same.stream().allMatch(r -> r.listPrice().compareTo(first.listPrice()) == 0
          && r.floor().compareTo(first.floor()) == 0);
      if (agree) {
        unique.add(first);
        same.subList(1, same.size()).forEach(r -> rejections.add(new Rejection(r.line(),
            "SKU " + first.sku().id() + " is on lines " + lines + " with the same prices; imported once, from line "
                + first.line())));
      } else {
        same.forEach(r -> rejections.add(new Rejection(r.line(), "SKU " + first.sku().id() + " is on lines " + lines
            + " with different prices; none of them is imported, keep one line")));
      }
    }
    return unique;
  }

  private static List<Column> headerOf(CsvReader.Record record) {
    List<Column> columns = record.fields().stream().map(Column::named).toList();
    long known = columns.stream().filter(c -> c != null).distinct().count();
    return known >= 2 ? new ArrayList<>(columns) : null;
  }

  private static ReferenceRow toRow(CsvReader.Record record, List<Column> layout) {
    if (record.unterminatedQuote()) {
      throw new RowRejected("unterminated quoted field");
    }
    String[] values = align(record.fields(), layout);
    for (int i = 0; i < values.length; i++) {
      // U+FFFD is what a lenient decoder left where it could not read a character: the text is already lost.
      if (values[i].indexOf('\uFFFD') >= 0) {
        throw new RowRejected((layout.get(i) == null ? "column " + (i + 1) : layout.get(i).display)
            + " holds the replacement character U+FFFD: the text was damaged before the table was saved");
      }
    }
    String product = Sku.normaliseProduct(value(values, layout, Column.PRODUCT));
    if (product.isEmpty()) {
      throw new RowRejected(Column.PRODUCT.display + " is empty");
    }
    String rawSize = value(values, layout, Column.SIZE);
    if (Sku.normaliseSize(rawSize).isEmpty()) {
      throw new RowRejected(Column.SIZE.display + " is empty for product '" + product + "'");
    }
    String size = SizeParser.referenceSize(rawSize);
    if (size == null) {
      throw new RowRejected(Column.SIZE.display + " '" + rawSize + "' is not a size such as 125ml, 0.5L, 50g or 4x6ml");
    }
    BigDecimal listPrice = positiveAmount(value(values, layout, Column.LIST_PRICE), Column.LIST_PRICE);
    BigDecimal floor = positiveAmount(value(values, layout, Column.FLOOR), Column.FLOOR);
    String effect = layout.contains(Column.EFFECT) ? value(values, layout, Column.EFFECT) : "";
    return new ReferenceRow(record.line(), product, size, listPrice, floor, effect);
  }

  private static String[] align(List<String> fields, List<Column> layout) {
    int expected = layout.size();
    int found = fields.size();
    String[] values = new String[expected];
    if (found == expected) {
      return fields.toArray(values);
    }
    int extra = found - expected;
    int effect = layout.indexOf(Column.EFFECT);
    if (extra > 0 && effect < 0 && fields.subList(expected, found).stream().allMatch(String::isEmpty)) {
      return fields.subList(0, expected).toArray(values);
    }
    if (extra < 0 || effect < 0) {
      throw new RowRejected("expected " + expected + " columns, found " + found);
    }
    // The free-text column swallowed unquoted commas: columns before it count from the left, after it from the right.
    for (int i = 0; i < expected; i++) {
      if (i < effect) {
        values[i] = fields.get(i);
      } else if (i > effect) {
        values[i] = fields.get(i + extra);
      } else {
        values[i] = String.join(",", fields.subList(effect, effect + extra + 1));
      }
    }
    return values;
  }

  private static String value(String[] values, List<Column> layout, Column column) {
    return values[layout.indexOf(column)];
  }

  private static BigDecimal positiveAmount(String raw, Column column) {
    String cleaned = Normalizer.normalize(raw, Normalizer.Form.NFKC).replaceAll("[\\s¥元]", "");
    if (cleaned.isEmpty()) {
      throw new RowRejected(column.display + " is empty");
    }
    if (!DECIMAL.matcher(cleaned).matches()) {
      throw new RowRejected(column.display + " '" + raw + "' is not a number");
    }
    BigDecimal amount = new BigDecimal(cleaned);
    if (amount.signum() <= 0) {
      throw new RowRejected(column.display + " '" + raw + "' must be greater than 0");
    }
    return amount;
  }

  private static final class RowRejected extends RuntimeException {
    RowRejected(String reason) {
      super(reason, null, false, false);
    }
  }
}
