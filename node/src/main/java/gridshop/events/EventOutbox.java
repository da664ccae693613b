package gridshop.events;

import gridshop.platform.GridMode;
import gridshop.api.events.OrderPlaced;
import gridshop.api.events.PriceChanged;
import gridshop.api.events.ReportCompleted;
import gridshop.api.events.StockChanged;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.Stock;
import gridshop.grid.events.OutboxCache;
import gridshop.grid.platform.WriteJournal;
import gridshop.grid.events.OutboxEvent;
import gridshop.grid.events.OutboxKey;
import gridshop.grid.order.Order;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;

/**
 * Writes domain events into the grid outbox. Called inside the business transaction: the event exists if and
 * only if the change committed, on primary and backup. With no Kafka configured, events are off and nothing
 * is written.
 */
@GridMode
@Singleton
public final class EventOutbox {
    static final String ORDERS = "orders";
    static final String INVENTORY = "inventory";
    static final String PRICES = "prices";
    static final String REPORTS = "reports";

    private final IgniteCache<OutboxKey, OutboxEvent> outbox;
    private final JsonMapper json;
    private final boolean enabled;
    private final String prefix;

    EventOutbox(Ignite ignite, JsonMapper json, KafkaProperties kafka) {
        this.outbox = ignite.cache(OutboxCache.NAME);
        this.json = json;
        this.enabled = kafka.enabled();
        this.prefix = kafka.topicPrefix();
    }

    public boolean enabled() {
        return enabled;
    }

    /** Events waiting for Kafka, cluster-wide. */
    public long size() {
        return outbox.sizeLong(CachePeekMode.PRIMARY);
    }

    public void orderPlaced(Order o) {
        if (enabled) {
            String id = UUID.randomUUID().toString();
            OrderPlaced e = new OrderPlaced(id, "OrderPlaced", Instant.now(), o.orderId(), o.sessionId(), o.total(),
                o.items().stream().map(i -> new OrderPlaced.Item(i.productId(), i.quantity(), i.unitPrice())).toList());
            put(id, o.orderId(), e.type(), ORDERS, o.orderId(), o.version(), e);
        }
    }

    public void stockChanged(Stock now, int change) {
        if (enabled) {
            String id = UUID.randomUUID().toString();
            StockChanged e = new StockChanged(id, "StockChanged", Instant.now(), now.productId(), now.available(), change,
                now.version());
            put(id, now.productId(), e.type(), INVENTORY, String.valueOf(now.productId()), now.version(), e);
        }
    }

    public void priceChanged(Product before, Product after) {
        if (enabled) {
            String id = UUID.randomUUID().toString();
            PriceChanged e = new PriceChanged(id, "PriceChanged", Instant.now(), after.id(), before.price(), after.price(),
                after.version());
            put(id, after.id(), e.type(), PRICES, String.valueOf(after.id()), after.version(), e);
        }
    }

    /** A report finished (DONE or FAILED); written with the report's final state. */
    public void reportCompleted(String reportId, String reportType, String status) {
        if (enabled) {
            String id = UUID.randomUUID().toString();
            ReportCompleted e = new ReportCompleted(id, reportId, reportType, status, Instant.now());
            put(id, reportId, "ReportCompleted", REPORTS, reportId, 1, e);
        }
    }

    private void put(String eventId, Object affinity, String type, String topic, String key, long sequence, Object event) {
        try {
            OutboxKey k = new OutboxKey(eventId, affinity);
            outbox.put(k, new OutboxEvent(eventId, type, prefix + topic, key, sequence,
                json.writeValueAsString(event), System.currentTimeMillis()));
            WriteJournal.sideWritten(k); // held back with its transaction's writes, should they be
        } catch (IOException e) {
            throw new UncheckedIOException("event not serialisable [type=" + type + "]", e);
        }
    }
}
