package actorcrm.api;

import actorcrm.platform.Json;
import actorcrm.platform.FieldLimits;
import actorcrm.platform.IdRules;
import actorcrm.ingest.Decoded;
import actorcrm.ingest.ListingDecoder;
import actorcrm.ingest.Incoming;
import actorcrm.ingest.ListingIngest;
import actorcrm.pricing.CatalogReplica;
import actorcrm.pricing.ImportSettings;
import actorcrm.pricing.Listing;
import actorcrm.pricing.PriceCheck;
import actorcrm.pricing.PriceCheckResult;
import actorcrm.pricing.PriceCheckSettings;
import actorcrm.pricing.PriceControlReadModel;
import actorcrm.pricing.PricingSettings;
import actorcrm.pricing.ProductEntity;
import actorcrm.pricing.ProductState;
import actorcrm.pricing.Promotion;
import actorcrm.pricing.ReferenceImport;
import actorcrm.pricing.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

/**
 * Price control over HTTP: import the reference table, post listings (through the same graph as
 * Kafka), dry-run one listing, read products, violations (JSON or CSV, one with its history) and
 * the review list, and record the clerk's notices to a shop on a violation.
 */
public final class PricingRoutes extends Authenticated {
  private static final Set<String> STATUSES = Set.of("open", "resolved", "all");
  private static final Set<String> STAGES = Set.of("none", "noticed", "escalated");

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final CatalogReplica catalog;
  private final ReferenceImport importer;
  private final ListingIngest ingest;
  private final ListingDecoder decoder;
  private final ImportSettings imports;
  private final PriceControlReadModel readModel;
  private final PricingSettings settings;
  private final Duration askTimeout;
  private final Executor blocking;
  private final Clock clock;
  private final FieldLimits limits;

  public PricingRoutes(ActorSystem<?> system, Tokens tokens, CatalogReplica catalog, ReferenceImport importer,
                       ListingIngest ingest, ListingDecoder decoder, PriceControlReadModel readModel, PricingSettings settings,
                       ImportSettings imports, Duration askTimeout, Clock clock, FieldLimits limits) {
    super(tokens);
    this.clock = clock;
    this.limits = limits;
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.catalog = catalog;
    this.importer = importer;
    this.ingest = ingest;
    this.decoder = decoder;
    this.imports = imports;
    this.readModel = readModel;
    this.settings = settings;
    this.askTimeout = askTimeout;
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
  }

  public Route api(Principal principal) {
    Role[] writers = roles(Role.ADMIN, Role.OPERATOR);
    return concat(
        path("reference-prices", () -> post(() -> allow(principal, writers,
            () -> entity(Unmarshaller.entityToByteArray(), this::importReferences)))),
        path("listings", () -> post(() -> allow(principal, writers,
            () -> entity(Unmarshaller.entityToString(), this::postListings)))),
        path("price-check", () -> post(() -> parameterOptional("max_quantity",
            max -> entity(Unmarshaller.entityToString(), body -> priceCheck(body, max))))),
        path(segment("products").slash(segment()), sku -> get(() -> product(sku))),
        path("violations", () -> get(() -> parameterMap(params -> violations(params)))),
        path(segment("violations").slash(segment()).slash("notice"), id -> post(() -> allow(principal, writers,
            () -> jsonBody(JsonNode.class, body -> notice(principal, id, body))))),
        path(segment("violations").slash(segment()), id -> get(() -> violation(id))),
        path("unmatched", () -> get(() -> completeWithFuture(CompletableFuture.supplyAsync(
            () -> json(StatusCodes.OK, readModel.reviews()), blocking)))));
  }

  // The table comes as bytes: its encoding is detected by the import, not assumed from the request.
  private Route importReferences(byte[] csv) {
    long lines = 1;
    for (byte b : csv) {
      if (b == '\n') {
        lines++;
      }
    }
    // The import answers within a time that grows with its rows; the request waits that long.
    return withRequestTimeout(importer.answerWithin(lines), () -> reply(importer.run(csv), outcome -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("imported", outcome.imported());
      body.put("rejected", outcome.rejected());
      body.put("catalog_up_to_date", outcome.catalogUpToDate());
      body.put("encoding", outcome.encoding());
      return json(StatusCodes.OK, body);
    }));
  }

  private Route postListings(String ndjson) {
    String[] lines = ndjson.split("\r?\n", -1);
    Instant received = clock.instant();
    List<Pair<Incoming, Integer>> records = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        records.add(Pair.create(new Incoming(lines[i].getBytes(StandardCharsets.UTF_8), received), i + 1));
      }
    }
    var done = Source.from(records)
        .via(ingest.<Integer>flow().asFlow())
        .runWith(Sink.seq(), system);
    return withRequestTimeout(imports.budget(records.size()).plus(askTimeout), () -> reply(done, results -> {
      int accepted = 0;
      List<Map<String, Object>> rejected = new ArrayList<>();
      Map<String, Integer> verdicts = new LinkedHashMap<>();
      Map<String, Integer> changes = new LinkedHashMap<>();
      for (Pair<ListingIngest.Result, Integer> r : results) {
        if (r.first().accepted()) {
          accepted++;
          verdicts.merge(r.first().verdict().name(), 1, Integer::sum);
          changes.merge(r.first().duplicate() ? "duplicate" : r.first().change(), 1, Integer::sum);
        } else {
          rejected.add(Map.of("line", r.second(), "reason", r.first().problem()));
        }
      }
      return json(StatusCodes.OK, Map.of("accepted", accepted, "rejected", rejected, "verdicts", verdicts,
          "changes", changes));
    }));
  }

  private Route priceCheck(String body, Optional<String> maxQuantity) {
    int max = settings.check().maxQuantity();
    if (maxQuantity.isPresent()) {
      try {
        max = Integer.parseInt(maxQuantity.get());
      } catch (NumberFormatException e) {
        max = 0;
      }
      if (max < 1 || max > 1000) {
        return complete(error(StatusCodes.BAD_REQUEST, "bad_max_quantity",
            "max_quantity must be a whole number from 1 to 1000, got " + maxQuantity.get()));
      }
    }
    Decoded<Listing> decoded = decoder.decode(body.getBytes(StandardCharsets.UTF_8));
    if (!decoded.ok()) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_listing", decoded.problem()));
    }
    PriceCheckSettings checkSettings = settings.check().withMaxQuantity(max);
    return replyJson(catalog.ready().thenApply(loaded ->
        view(new PriceCheck(catalog.view().catalog(), checkSettings).check(decoded.value()))));
  }

  static Map<String, Object> view(PriceCheckResult r) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("sku", r.sku());
    v.put("product", r.product());
    v.put("matched", r.matched());
    v.put("match_confidence", r.matchConfidence());
    v.put("candidates", r.candidates());
    v.put("size", r.size());
    v.put("size_source", r.sizeSource().name().toLowerCase(Locale.ROOT));
    v.put("combo", r.combo());
    v.put("units_per_listing", r.unitsPerListing());
    v.put("landed_price", r.landedPrice() == null ? null : cents(r.landedPrice().perUnit()));
    v.put("quantity", r.landedPrice() == null ? null : r.landedPrice().quantity());
    v.put("subtotal", r.landedPrice() == null ? null : cents(r.landedPrice().subtotal()));
    v.put("payable", r.landedPrice() == null ? null : cents(r.landedPrice().payable()));
    v.put("steps", r.landedPrice() == null ? List.of() : r.landedPrice().steps());
    v.put("floor", r.floor());
    v.put("list_price", r.listPrice());
    v.put("verdict", r.verdict().name());
    v.put("gap_pct", r.gapPct());
    v.put("pricing_error", r.pricingError());
    v.put("promotions", r.promotions().stream().map(PricingRoutes::promotion).toList());
    v.put("unparsed", r.unparsed());
    v.put("notes", r.notes());
    return v;
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  private static ObjectNode promotion(Promotion p) {
    ObjectNode node = Json.MAPPER.valueToTree(p);
    node.put("type", p.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
    node.put("label", p.label());
    return node;
  }

  private Route product(String sku) {
    return validId(ProductEntity.ENTITY_TYPE_KEY, sku, () -> reply(sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, sku)
        .<ProductState>ask(ProductEntity.Get::new, askTimeout), s -> s.known()
        ? json(StatusCodes.OK, s)
        : error(StatusCodes.NOT_FOUND, "not_found", "product '" + sku + "' has no reference row and no offers")));
  }

  private Route violations(Map<String, String> params) {
    String status = params.getOrDefault("status", "open");
    String shop = params.get("shop");
    String sku = params.get("sku");
    String stage = params.get("stage");
    Optional<String> format = Optional.ofNullable(params.get("format"));
    if (!STATUSES.contains(status)) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_status", "status must be open, resolved or all; got " + status));
    }
    if (stage != null && !STAGES.contains(stage)) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_stage", "stage must be none, noticed or escalated; got " + stage));
    }
    boolean csv = format.map("csv"::equals).orElse(false);
    if (format.isPresent() && !csv && !format.get().equals("json")) {
      return complete(error(StatusCodes.BAD_REQUEST, "bad_format", "format must be json or csv; got " + format.get()));
    }
    return completeWithFuture(CompletableFuture.supplyAsync(() -> {
      List<PriceControlReadModel.ViolationRow> rows = readModel.violations(status, shop, sku, stage);
      return csv
          ? HttpResponse.create().withEntity(ContentTypes.TEXT_CSV_UTF8, ViolationCsv.write(rows))
          .addHeader(org.apache.pekko.http.javadsl.model.headers.RawHeader.create("Content-Disposition",
              "attachment; filename=\"violations-" + status + ".csv\""))
          : json(StatusCodes.OK, rows);
    }, blocking));
  }

  private Route violation(String id) {
    return completeWithFuture(CompletableFuture.supplyAsync(() -> readModel.violation(id)
        .map(v -> json(StatusCodes.OK, v))
        .orElseGet(() -> error(StatusCodes.NOT_FOUND, "not_found", "no violation " + IdRules.quote(id))), blocking));
  }

  private Route notice(Principal principal, String violationId, JsonNode body) {
    int hash = violationId.lastIndexOf('#');
    String sku = hash > 0 ? violationId.substring(0, hash) : violationId;
    if (hash < 0 || !violationId.substring(hash + 1).matches("[1-9][0-9]{0,8}")) {
      return complete(error(StatusCodes.BAD_REQUEST, "invalid_id", "violation id " + IdRules.quote(violationId)
          + " is invalid: it is <sku>#<number>, with # written %23 in a URL"));
    }
    return validId(ProductEntity.ENTITY_TYPE_KEY, sku, () -> {
      List<String> problems = new ArrayList<>();
      Violation.Channel channel = channel(body.path("channel"), problems);
      String by = required(body, "by", problems);
      String text = limits.text(body, "text", problems);
      String recordedBy = principal.role().wire() + ":" + principal.subject();
      return withinLimits(problems, () -> reply(sharding.entityRefFor(ProductEntity.ENTITY_TYPE_KEY, sku)
              .<Violation>askWithStatus(r -> new ProductEntity.NoticeViolation(violationId, channel, by, text, recordedBy, r),
                  askTimeout),
          v -> json(StatusCodes.OK, v)));
    });
  }

  private static Violation.Channel channel(JsonNode value, List<String> problems) {
    for (Violation.Channel c : Violation.Channel.values()) {
      if (c.wire().equals(value.asText(null))) {
        return c;
      }
    }
    problems.add("channel must be email, wangwang or phone; got " + (value.isMissingNode() ? "nothing" : value.toString()));
    return null;
  }

  private String required(JsonNode body, String field, List<String> problems) {
    JsonNode value = body.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(field + " is required, as text; got " + (value.isMissingNode() ? "nothing" : value.toString()));
      return null;
    }
    return limits.text(field, value.asText().strip(), problems);
  }
}
