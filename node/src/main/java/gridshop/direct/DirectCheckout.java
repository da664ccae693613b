package gridshop.direct;

import gridshop.checkout.Checkout;
import gridshop.grid.cart.Cart;
import gridshop.grid.cart.CartLine;
import gridshop.grid.order.Order;
import gridshop.grid.order.OrderItem;
import gridshop.grid.order.OrderLine;
import gridshop.order.OrderService;
import gridshop.persistence.order.OrderLineTable;
import gridshop.persistence.order.OrderTable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The postgres-direct comparison baseline for the shopper port {@link Checkout}.
 *
 * <p>Checkout in one PostgreSQL transaction: lock the session row (so one session checks out one at a time), look
 * for the Idempotency-Key, lock the stock rows in ascending product id ({@code FOR UPDATE}, so concurrent
 * checkouts wait instead of deadlocking), decrement them, insert the order and its lines, empty the cart.
 */
@DirectMode
@Singleton
final class DirectCheckout implements Checkout {
    private static final OrderTable ORDERS = new OrderTable();
    private static final OrderLineTable LINES = new OrderLineTable();

    private final Jdbc jdbc;
    private final DirectSessions sessions;

    DirectCheckout(Jdbc jdbc, DirectSessions sessions) {
        this.jdbc = jdbc;
        this.sessions = sessions;
    }

    @Override
    public Placed checkout(String sessionId, String idempotencyKey) {
        Checkout.checkKey(idempotencyKey);
        return jdbc.write(c -> {
            sessions.touch(c, sessionId);
            List<Order> earlier = ORDERS.find(c, "session_id = ? AND idempotency_key = ?", null, sessionId, idempotencyKey);
            if (!earlier.isEmpty()) {
                return new Placed(OrderService.response(earlier.get(0)), false);
            }
            Cart cart = DirectCartRows.current(c, sessionId);
            if (cart.lines().isEmpty()) {
                throw Checkout.emptyCart(sessionId);
            }
            // PostgreSQL keeps microseconds: the order reads back the same after a restart (or from the database).
            Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
            List<OrderItem> items = reserve(c, cart, now);
            Order order = new Order(UUID.randomUUID().toString(), sessionId, Order.PLACED, items, idempotencyKey, 1, now);
            ORDERS.upsert(c, List.of(order));
            List<OrderLine> lines = new ArrayList<>();
            for (OrderItem item : items) {
                lines.add(new OrderLine(order.orderId(), lines.size() + 1, item, now));
            }
            LINES.upsert(c, lines);
            DirectCartRows.save(c, new Cart(sessionId, List.of(), cart.version() + 1, now));
            return new Placed(OrderService.response(order), true);
        });
    }

    /** Locks, checks and decrements the stock of every line; a shortfall anywhere is a 409 (and a rollback). */
    private static List<OrderItem> reserve(Connection c, Cart cart, Timestamp now) throws SQLException {
        Map<Long, Integer> wanted = new TreeMap<>();
        cart.lines().forEach(l -> wanted.merge(l.productId(), l.quantity(), Integer::sum));
        Map<Long, OrderItem> catalog = new TreeMap<>();
        Map<Long, Integer> available = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.id, p.name, p.category, p.brand, p.price, i.available "
            + "FROM product p JOIN inventory i ON i.product_id = p.id WHERE p.id = ANY (?) ORDER BY p.id FOR UPDATE OF i")) {
            ps.setArray(1, c.createArrayOf("bigint", wanted.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    BigDecimal price = rs.getBigDecimal(5);
                    catalog.put(id, new OrderItem(id, rs.getString(2), rs.getString(3), rs.getString(4), price, 0));
                    available.put(id, rs.getInt(6));
                }
            }
        }
        List<Long> shortfall = wanted.entrySet().stream()
            .filter(w -> available.getOrDefault(w.getKey(), 0) < w.getValue()).map(Map.Entry::getKey).toList();
        if (!shortfall.isEmpty()) {
            throw Checkout.notEnoughStock(shortfall);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE inventory SET available = available - ?, "
            + "units_sold = units_sold + ?, revenue = revenue + ?, version = version + 1, updated_at = ? "
            + "WHERE product_id = ?")) {
            for (Map.Entry<Long, Integer> w : wanted.entrySet()) {
                ps.setInt(1, w.getValue());
                ps.setInt(2, w.getValue());
                ps.setBigDecimal(3, OrderItem.lineTotal(catalog.get(w.getKey()).unitPrice(), w.getValue()));
                ps.setTimestamp(4, now);
                ps.setLong(5, w.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return cart.lines().stream().sorted(Comparator.comparingLong(CartLine::productId)).map(l -> {
            OrderItem p = catalog.get(l.productId());
            return new OrderItem(l.productId(), p.name(), p.category(), p.brand(), p.unitPrice(), l.quantity());
        }).toList();
    }
}
