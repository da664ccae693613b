package gridshop.checkout;

import gridshop.grid.platform.Versions;
import gridshop.catalog.CatalogService;
import gridshop.catalog.CatalogFeed;
import gridshop.events.EventOutbox;
import gridshop.grid.cart.Cart;
import gridshop.grid.cart.CartCache;
import gridshop.grid.cart.CartLine;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.SliceKey;
import gridshop.grid.catalog.Stock;
import gridshop.grid.catalog.StockSlice;
import gridshop.grid.catalog.StockSliceCache;
import gridshop.grid.platform.WriteJournal;
import gridshop.grid.order.CheckoutKey;
import gridshop.grid.order.CheckoutKeyCache;
import gridshop.grid.order.Order;
import gridshop.grid.order.OrderCache;
import gridshop.grid.order.OrderIds;
import gridshop.grid.order.OrderItem;
import gridshop.grid.order.OrderLine;
import gridshop.grid.order.OrderLineCache;
import gridshop.grid.order.OrderLineKey;
import gridshop.order.OrderService;
import gridshop.platform.ApiException;
import gridshop.platform.GridMode;
import gridshop.platform.GridTransactions;
import gridshop.platform.OwnerCalls;
import gridshop.session.SessionService;
import gridshop.stock.Escrow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * Checkout: in one pessimistic grid transaction, reserve the stock of every cart line, create the order and
 * its lines, empty the cart, and remember the Idempotency-Key — or change nothing. Locks are always taken in
 * the same order (checkout key, cart, then stock by ascending product id), so concurrent checkouts wait for
 * each other instead of deadlocking; a lock wait that still times out rolls back and answers 503. Once
 * committed, the new stock levels go into this node's catalog index at once.
 *
 * <p>With escrow on ({@link Escrow}), the units come from this node's lane when its slices hold them all: then the
 * transaction writes only rows of this node (the session's and the lane's), and locks no stock row.
 */
@GridMode
@Context // eager: other nodes send this node its sessions' writes (OwnerCalls) from its start
public final class CheckoutService implements Checkout {
    private final IgniteCache<CheckoutKey, String> checkoutKeys;
    private final IgniteCache<String, Cart> carts;
    private final CatalogService catalog;
    private final IgniteCache<Long, Stock> inventory;
    private final IgniteCache<SliceKey, StockSlice> slices;
    private final Escrow escrow;
    private final IgniteCache<String, Order> orders;
    private final IgniteCache<OrderLineKey, OrderLine> lines;
    private final SessionService sessions;
    private final OrderIds orderIds;
    private final GridTransactions tx;
    private final EventOutbox events;
    private final CatalogFeed feed;
    private final OwnerCalls owner;
    private static final String PLACE = "checkout.place";

    private final MeterRegistry meters;
    private final Counter placedCount;
    private final Counter replayedCount;

    CheckoutService(Ignite ignite, SessionService sessions, GridTransactions tx, EventOutbox events,
                    CatalogFeed feed, CatalogService catalog, OwnerCalls owner, Escrow escrow, MeterRegistry meters) {
        this.escrow = escrow;
        this.slices = ignite.cache(StockSliceCache.NAME);
        this.meters = meters;
        // One tag set for every series of a name: Prometheus takes a meter's first set and drops the others.
        this.placedCount = meters.counter("gridshop.checkouts", "result", "placed", "status", "201");
        this.replayedCount = meters.counter("gridshop.checkouts", "result", "replayed", "status", "200");
        this.checkoutKeys = ignite.cache(CheckoutKeyCache.NAME);
        this.carts = ignite.cache(CartCache.NAME);
        this.catalog = catalog;
        this.inventory = ignite.cache(InventoryCache.NAME);
        this.orders = ignite.cache(OrderCache.NAME);
        this.lines = ignite.cache(OrderLineCache.NAME);
        this.sessions = sessions;
        this.orderIds = new OrderIds(ignite);
        this.tx = tx;
        this.events = events;
        this.feed = feed;
        this.owner = owner;
        owner.register(PLACE, args -> place((String) args[0], (String) args[1]));
    }

    /** Counts every checkout: placed, replayed (same Idempotency-Key), or refused with its HTTP status. */
    @Override
    public Placed checkout(String sessionId, String idempotencyKey) {
        try {
            Checkout.checkKey(idempotencyKey);
            PlacedOrder done = owner.call(CartCache.NAME, sessionId, PLACE, sessionId, idempotencyKey);
            // The rows' new stock levels in this node's index at once (the shopper reads them here next); other nodes,
            // the owner too when it is another, take them from the feed. A sale from a lane is in the owner's index
            // already (place); another node's shows it at the lane's next settle.
            feed.wroteStock(done.reserved);
            Placed placed = done.placed();
            (placed.created() ? placedCount : replayedCount).increment();
            return placed;
        } catch (RuntimeException e) {
            // an ApiException carries its answer; a grid failure (a topology change mid-commit) answers 503
            String status = e instanceof ApiException api ? String.valueOf(api.status().getCode()) : "503";
            meters.counter("gridshop.checkouts", "result", "refused", "status", status).increment();
            throw e;
        }
    }

    /**
     * What the session's primary answers: the grid's order, and whether this call placed it (a class of the grid's kind,
     * not a record, since it may travel back from another node and Ignite's marshaller does not write records).
     */
    static final class PlacedOrder {
        private Order order;
        private boolean created;
        private ArrayList<Stock> reserved;
        private ArrayList<StockSlice> fromLane;

        PlacedOrder() {
        }

        PlacedOrder(Order order, boolean created, List<Stock> reserved, List<StockSlice> fromLane) {
            this.order = order;
            this.created = created;
            this.reserved = new ArrayList<>(reserved);
            this.fromLane = new ArrayList<>(fromLane);
        }

        Placed placed() {
            return new Placed(OrderService.response(order), created);
        }
    }

    /** On the session's primary (see {@link OwnerCalls}): session, cart, order and key are local rows there. */
    private PlacedOrder place(String sessionId, String idempotencyKey) {
        sessions.require(sessionId);
        PlacedOrder placed;
        try {
            placed = place(sessionId, idempotencyKey, true);
        } catch (Escrow.LaneShort e) {
            placed = place(sessionId, idempotencyKey, false); // another checkout took the lane's units first
        } catch (ApiException e) {
            if (e.status().getCode() >= 500) { // (a 4xx is refused inside the transaction: it sold nothing)
                escrow.lookAgain(); // e.g. committed, then the commit could not be confirmed (GridTransactions)
            }
            throw e;
        } catch (RuntimeException | Error e) {
            escrow.lookAgain(); // it may have sold from the lane before it failed
            throw e;
        }
        if (!placed.fromLane.isEmpty()) {
            // Into this node's index before the lane's settle may count the sale into the row: a settle whose row
            // reached the index first would have the units taken off twice, and nothing later would put them back
            // (ClusterScriptIT saw the grid 2 units below PostgreSQL once settles ran promptly after a restart).
            try {
                feed.sold(placed.order.items().stream().collect(Collectors.toMap(OrderItem::productId, OrderItem::quantity,
                    Integer::sum)));
            } catch (RuntimeException e) {
                escrow.lookAgain(); // the sale is found in its lane instead
                throw e;
            }
            escrow.soldFromLane(placed.fromLane);
        } else if (placed.created) {
            escrow.soldFromRows(placed.reserved.stream().map(Stock::productId).toList());
        }
        return placed;
    }

    private PlacedOrder place(String sessionId, String idempotencyKey, boolean fromLane) {
        CheckoutKey key = new CheckoutKey(sessionId, idempotencyKey);
        // Names, categories and prices are read before the transaction, from an unlocked look at the cart and this
        // node's catalog index (as the cart line's were): a price change racing a checkout decides which price the
        // order gets, as it does within the second every node takes to serve a new price, and checkout locks no
        // catalog rows (only a line added between this read and the cart lock is looked up inside).
        Cart preview = carts.get(sessionId);
        Map<Long, CatalogService.Listing> listings = new HashMap<>(preview == null ? Map.of() : catalog.listings(productIds(preview)));
        return tx.write(writes -> {
            String replay = checkoutKeys.get(key);
            if (replay != null) {
                Order placedBefore = orders.get(replay);
                if (placedBefore == null) {
                    throw Checkout.replayMissing(sessionId, replay);
                }
                return new PlacedOrder(placedBefore, false, List.of(), List.of());
            }
            Cart cart = carts.get(sessionId);
            if (cart == null || cart.lines().isEmpty()) {
                throw Checkout.emptyCart(sessionId);
            }
            Set<Long> missing = productIds(cart);
            missing.removeAll(listings.keySet());
            if (!missing.isEmpty()) {
                listings.putAll(catalog.listings(missing));
            }
            // PostgreSQL keeps microseconds: the order reads back the same after a restart (or from the database).
            Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
            SortedMap<Long, Integer> wanted = new TreeMap<>();
            cart.lines().forEach(l -> wanted.merge(l.productId(), l.quantity(), Integer::sum));
            Map<Long, BigDecimal> amounts = new HashMap<>();
            wanted.forEach((id, units) -> {
                CatalogService.Listing p = listings.get(id);
                if (p != null) {
                    amounts.put(id, OrderItem.lineTotal(p.price(), units));
                }
            });
            SortedMap<SliceKey, StockSlice> lane = fromLane && amounts.size() == wanted.size()
                ? escrow.fromLane(wanted, amounts, now) : null;
            SortedMap<Long, Stock> stock = lane == null ? reserve(wanted, listings, amounts, now, writes) : new TreeMap<>();
            List<OrderItem> items = cart.lines().stream().sorted(Comparator.comparingLong(CartLine::productId)).map(l -> {
                CatalogService.Listing p = listings.get(l.productId());
                return new OrderItem(l.productId(), p.name(), p.category(), p.brand(), p.price(), l.quantity());
            }).toList();
            Order order = new Order(orderIds.next(sessionId), sessionId, Order.PLACED, items, idempotencyKey, Versions.first(), now);
            writes.put(orders, order.orderId(), order);
            writes.putAll(lines, lines(order, now), k -> order.orderId());
            writes.putAll(inventory, stock);
            if (lane != null) {
                writes.putAll(slices, lane, SliceKey::lane);
            }
            writes.put(carts, sessionId, new Cart(sessionId, List.of(), Versions.next(cart.version()), now));
            checkoutKeys.put(key, order.orderId());
            events.orderPlaced(order);
            return new PlacedOrder(order, true, stock.values().stream().toList(),
                lane == null ? List.of() : lane.values().stream().toList());
        });
    }

    private static SortedSet<Long> productIds(Cart cart) {
        return cart.lines().stream().map(CartLine::productId).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Locks every line's stock, in ascending product id and in one step, and returns the decremented levels with
     * the sales added (events sent); a shortfall anywhere is a 409. A row short of units while lanes hold some of
     * them (escrow) calls them back first.
     */
    private SortedMap<Long, Stock> reserve(SortedMap<Long, Integer> wanted, Map<Long, CatalogService.Listing> catalog,
                                           Map<Long, BigDecimal> amounts, Timestamp now, WriteJournal.Writes writes) {
        Map<Long, Stock> current = new HashMap<>(inventory.getAll(wanted.keySet()));
        wanted.forEach((id, quantity) -> {
            Stock s = current.get(id);
            // Only when the product as a whole has the units (else it is a 409 either way, and a call-back rolled
            // back with it would only lock every lane for nothing).
            if (s != null && s.reserve() < quantity && s.available() >= quantity && s.lanes() != 0) {
                current.put(id, escrow.recall(s, now, writes));
            }
        });
        List<Long> short_ = new ArrayList<>();
        wanted.forEach((id, quantity) -> {
            Stock s = current.get(id);
            if (s == null || catalog.get(id) == null || s.reserve() < quantity) {
                short_.add(id);
            }
        });
        if (!short_.isEmpty()) {
            throw Checkout.notEnoughStock(short_);
        }
        SortedMap<Long, Stock> next = new TreeMap<>();
        wanted.forEach((id, quantity) -> {
            Stock s = current.get(id).sold(quantity, amounts.get(id), now);
            next.put(id, s);
            events.stockChanged(s, -quantity);
        });
        return next;
    }

    private static SortedMap<OrderLineKey, OrderLine> lines(Order order, Timestamp now) {
        SortedMap<OrderLineKey, OrderLine> out = new TreeMap<>();
        int lineNo = 1;
        for (OrderItem item : order.items()) {
            OrderLine line = new OrderLine(order.orderId(), lineNo++, item, now);
            out.put(line.key(), line);
        }
        return out;
    }
}
