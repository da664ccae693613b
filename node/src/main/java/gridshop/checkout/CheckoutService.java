package gridshop.checkout;

import gridshop.catalog.CatalogIndex;
import gridshop.grid.cart.Cart;
import gridshop.grid.cart.CartCache;
import gridshop.grid.cart.CartLine;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.catalog.Stock;
import gridshop.grid.order.CheckoutKey;
import gridshop.grid.order.CheckoutKeyCache;
import gridshop.grid.order.Order;
import gridshop.grid.order.OrderCache;
import gridshop.grid.order.OrderItem;
import gridshop.grid.order.OrderLine;
import gridshop.grid.order.OrderLineCache;
import gridshop.grid.order.OrderLineKey;
import gridshop.grid.platform.WriteJournal;
import gridshop.events.EventOutbox;
import gridshop.order.OrderService;
import gridshop.platform.GridMode;
import gridshop.platform.GridTransactions;
import gridshop.session.SessionService;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * Checkout: in one pessimistic grid transaction, reserve the stock of every cart line, create the order and
 * its lines, empty the cart, and remember the Idempotency-Key — or change nothing. Locks are always taken in
 * the same order (checkout key, cart, then stock by ascending product id), so concurrent checkouts wait for
 * each other instead of deadlocking; a lock wait that still times out rolls back and answers 503. Once
 * committed, the new stock levels go into this node's catalog index at once.
 */
@GridMode
@Singleton
public final class CheckoutService implements Checkout {
    private final Ignite ignite;
    private final IgniteCache<CheckoutKey, String> checkoutKeys;
    private final IgniteCache<String, Cart> carts;
    private final IgniteCache<Long, Product> products;
    private final IgniteCache<Long, Stock> inventory;
    private final IgniteCache<String, Order> orders;
    private final IgniteCache<OrderLineKey, OrderLine> lines;
    private final SessionService sessions;
    private final WriteJournal journal;
    private final GridTransactions tx;
    private final EventOutbox events;
    private final CatalogIndex index;

    CheckoutService(Ignite ignite, SessionService sessions, WriteJournal journal, GridTransactions tx,
                    EventOutbox events, CatalogIndex index) {
        this.ignite = ignite;
        this.checkoutKeys = ignite.cache(CheckoutKeyCache.NAME);
        this.carts = ignite.cache(CartCache.NAME);
        this.products = ignite.cache(ProductCache.NAME);
        this.inventory = ignite.cache(InventoryCache.NAME);
        this.orders = ignite.cache(OrderCache.NAME);
        this.lines = ignite.cache(OrderLineCache.NAME);
        this.sessions = sessions;
        this.journal = journal;
        this.tx = tx;
        this.events = events;
        this.index = index;
    }

    @Override
    public Placed checkout(String sessionId, String idempotencyKey) {
        Checkout.checkKey(idempotencyKey);
        sessions.require(sessionId);
        CheckoutKey key = new CheckoutKey(sessionId, idempotencyKey);
        String earlier = checkoutKeys.get(key);
        if (earlier != null) {
            return new Placed(OrderService.response(orders.get(earlier)), false);
        }
        // Names, categories and prices are read before the transaction, from an unlocked look at the cart: a
        // price change racing a checkout decides which price the order gets, and checkout does not lock catalog
        // rows (only a line added between this read and the cart lock is read, and locked, inside).
        Cart preview = carts.get(sessionId);
        Map<Long, Product> catalog = new HashMap<>(preview == null ? Map.of() : products.getAll(productIds(preview)));
        List<Stock> reserved = new ArrayList<>();
        Placed placed = tx.write(() -> {
            reserved.clear();
            String replay = checkoutKeys.get(key);
            if (replay != null) {
                return new Placed(OrderService.response(orders.get(replay)), false);
            }
            Cart cart = carts.get(sessionId);
            if (cart == null || cart.lines().isEmpty()) {
                throw Checkout.emptyCart(sessionId);
            }
            java.util.Set<Long> missing = productIds(cart);
            missing.removeAll(catalog.keySet());
            if (!missing.isEmpty()) {
                catalog.putAll(products.getAll(missing));
            }
            // PostgreSQL keeps microseconds: the order reads back the same after a restart (or from the database).
            Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
            List<OrderItem> items = reserve(cart, catalog, now, reserved);
            Order order = new Order(OrderCache.newOrderId(ignite, sessionId), sessionId, Order.PLACED, items,
                idempotencyKey, 1, now);
            write(order, now);
            events.orderPlaced(order);
            journal.put(carts, sessionId, new Cart(sessionId, List.of(), cart.version() + 1, now));
            checkoutKeys.put(key, order.orderId());
            return new Placed(OrderService.response(order), true);
        });
        index.stock(reserved);
        return placed;
    }

    private static java.util.Set<Long> productIds(Cart cart) {
        return cart.lines().stream().map(CartLine::productId).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Locks and decrements every line's stock in ascending product id; a shortfall anywhere is a 409. */
    private List<OrderItem> reserve(Cart cart, Map<Long, Product> catalog, Timestamp now, List<Stock> reserved) {
        Map<Long, Integer> wanted = new TreeMap<>();
        cart.lines().forEach(l -> wanted.merge(l.productId(), l.quantity(), Integer::sum));
        Map<Long, Stock> locked = new TreeMap<>();
        List<Long> short_ = new ArrayList<>();
        for (Map.Entry<Long, Integer> w : wanted.entrySet()) {
            Stock s = inventory.get(w.getKey());
            Product p = catalog.get(w.getKey());
            if (s == null || p == null || s.available() < w.getValue()) {
                short_.add(w.getKey());
            }
            locked.put(w.getKey(), s);
        }
        if (!short_.isEmpty()) {
            throw Checkout.notEnoughStock(short_);
        }
        locked.forEach((id, s) -> {
            Stock next = s.withAvailable(s.available() - wanted.get(id), now);
            journal.put(inventory, id, next);
            reserved.add(next);
            events.stockChanged(next, -wanted.get(id));
        });
        return cart.lines().stream().sorted(Comparator.comparingLong(CartLine::productId)).map(l -> {
            Product p = catalog.get(l.productId());
            return new OrderItem(l.productId(), p.name(), p.category(), p.price(), l.quantity());
        }).toList();
    }

    private void write(Order order, Timestamp now) {
        journal.put(orders, order.orderId(), order);
        int lineNo = 1;
        for (OrderItem item : order.items()) {
            OrderLine line = new OrderLine(order.orderId(), lineNo++, item, now);
            journal.put(lines, line.key(), order.orderId(), line);
        }
    }
}
