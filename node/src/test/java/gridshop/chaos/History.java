package gridshop.chaos;

import gridshop.platform.ShopFixture.CartRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the clients saw during a schedule: every acknowledged write, and every write whose outcome they never
 * learnt (the connection broke, the node stopped, they gave up). The checker holds the system to the first and
 * allows the second either way, as Jepsen's checkers do.
 */
final class History {
    /** An order a shopper was told about (201 or 200 on a retry with its Idempotency-Key). */
    record Order(String orderId, String sessionId, int units) {
    }

    /**
     * A merchant's value for one product attribute: the last one acknowledged, and those sent after it whose outcome
     * is unknown; what the system holds at the end must be one of them.
     */
    static final class Register {
        private final List<Long> possible = new ArrayList<>();

        synchronized void acknowledged(long v) {
            possible.clear();
            possible.add(v);
        }

        synchronized void unknown(long v) {
            possible.add(v);
        }

        synchronized List<Long> possible() {
            return List.copyOf(possible);
        }
    }

    final Map<String, Order> orders = new ConcurrentHashMap<>();
    final Map<String, CartRow> carts = new ConcurrentHashMap<>();
    /** Prices in cents, by product. */
    final Map<Long, Register> prices = new ConcurrentHashMap<>();
    final Map<Long, Register> stock = new ConcurrentHashMap<>();
    /** Sessions the shop acknowledged (201) and later answered 404 for: an acknowledged write not visible. */
    final Map<String, String> sessionsNotFound = new ConcurrentHashMap<>();

    static long cents(BigDecimal price) {
        return price.movePointRight(2).longValueExact();
    }

    String summary() {
        return orders.size() + " orders and " + carts.size() + " carts acknowledged, " + prices.size() + " prices and "
            + stock.size() + " stock levels set";
    }
}
