package gridshop.direct;

import gridshop.checkout.Checkout;
import gridshop.grid.cart.Cart;
import gridshop.grid.cart.CartLine;
import gridshop.grid.order.Order;
import gridshop.grid.order.OrderItem;
import gridshop.order.OrderService;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The postgres-direct comparison baseline for the shopper port {@link Checkout}.
 *
 * <p>Checkout in one PostgreSQL transaction: lock the session row (so one session checks out one at a time), look
 * for the Idempotency-Key, lock the stock rows in ascending product id ({@code FOR UPDATE}, so concurrent
 * checkouts wait instead of deadlocking), decrement them, insert the order and its lines, empty the cart. Any
 * exception rolls all of it back.
 */
@DirectMode
@Singleton
@RetryLaterOnDatabaseFailure
class DirectCheckout implements Checkout {
    private final DirectSessions sessions;
    private final CartRepository carts;
    private final InventoryRepository stock;
    private final OrderRepository orders;
    private final OrderLineRepository lines;
    private final DirectOrders placed;

    DirectCheckout(DirectSessions sessions, CartRepository carts, InventoryRepository stock, OrderRepository orders,
                   OrderLineRepository lines, DirectOrders placed) {
        this.sessions = sessions;
        this.carts = carts;
        this.stock = stock;
        this.orders = orders;
        this.lines = lines;
        this.placed = placed;
    }

    @Override
    @Transactional
    public Placed checkout(String sessionId, String idempotencyKey) {
        Checkout.checkKey(idempotencyKey);
        sessions.touch(sessionId);
        Optional<OrderRow> earlier = orders.findBySessionIdAndIdempotencyKey(sessionId, idempotencyKey);
        if (earlier.isPresent()) {
            return new Placed(OrderService.response(placed.whole(List.of(earlier.get())).get(0)), false);
        }
        Cart cart = carts.current(sessionId);
        if (cart.lines().isEmpty()) {
            throw Checkout.emptyCart(sessionId);
        }
        // PostgreSQL keeps microseconds: the order reads back the same after a restart (or from the database).
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<OrderItem> items = reserve(cart, now);
        Order order = new Order(UUID.randomUUID().toString(), sessionId, Order.PLACED, items, idempotencyKey, 1,
            Timestamp.from(now));
        orders.save(new OrderRow(order.orderId(), sessionId, order.status(), order.total(), order.itemCount(),
            idempotencyKey, now, order.version()));
        List<OrderLineRow> rows = new ArrayList<>(items.size());
        for (OrderItem item : items) {
            rows.add(new OrderLineRow(new OrderLineRow.Key(order.orderId(), rows.size() + 1), item.productId(),
                item.name(), item.category(), item.brand(), item.quantity(), item.unitPrice(), item.lineTotal(), now));
        }
        lines.saveAll(rows);
        carts.write(cart, new Cart(sessionId, List.of(), cart.version() + 1, Timestamp.from(now)));
        return new Placed(OrderService.response(order), true);
    }

    /** Locks, checks and decrements the stock of every line; a shortfall anywhere is a 409 (and a rollback). */
    private List<OrderItem> reserve(Cart cart, Instant now) {
        Map<Long, Integer> wanted = new TreeMap<>();
        cart.lines().forEach(l -> wanted.merge(l.productId(), l.quantity(), Integer::sum));
        Map<Long, StockLine> locked = new TreeMap<>();
        stock.lockForCheckout(List.copyOf(wanted.keySet())).forEach(s -> locked.put(s.id(), s));
        List<Long> shortfall = wanted.entrySet().stream()
            .filter(w -> !locked.containsKey(w.getKey()) || locked.get(w.getKey()).available() < w.getValue())
            .map(Map.Entry::getKey).toList();
        if (!shortfall.isEmpty()) {
            throw Checkout.notEnoughStock(shortfall);
        }
        wanted.forEach((id, quantity) ->
            stock.sell(id, quantity, OrderItem.lineTotal(locked.get(id).price(), quantity), now));
        return cart.lines().stream().sorted(Comparator.comparingLong(CartLine::productId)).map(l -> {
            StockLine p = locked.get(l.productId());
            return new OrderItem(l.productId(), p.name(), p.category(), p.brand(), p.price(), l.quantity());
        }).toList();
    }
}
