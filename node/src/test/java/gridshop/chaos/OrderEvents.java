package gridshop.chaos;

import gridshop.platform.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

/**
 * The {@code OrderPlaced} events in Kafka's {@code gridshop.orders} topic, read from the beginning by a consumer group
 * of its own: for each order (the record's key, the order's grid id) the event ids it was published under.
 */
final class OrderEvents {
    private final Map<String, Set<String>> eventIds = new HashMap<>();

    /** Reads until every one of {@code expected} has its event or {@code limit} passes; what was read by then. */
    static OrderEvents read(String bootstrap, Collection<String> expected, Duration limit) {
        OrderEvents out = new OrderEvents();
        long deadline = System.nanoTime() + limit.toNanos();
        try (KafkaConsumer<String, String> consumer = KafkaBroker.readerFromStart(bootstrap)) {
            consumer.subscribe(List.of("gridshop.orders"));
            while (System.nanoTime() < deadline && !out.eventIds.keySet().containsAll(expected)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().contains("\"OrderPlaced\"")) {
                        Header id = r.headers().lastHeader("eventId");
                        out.eventIds.computeIfAbsent(r.key(), k -> new TreeSet<>())
                            .add(id == null ? "(no eventId header)" : new String(id.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return out;
    }

    /** The event ids an order's {@code OrderPlaced} came under (none: it never reached Kafka). */
    Set<String> of(String orderGridId) {
        return eventIds.getOrDefault(orderGridId, Set.of());
    }

    /** Every order with an {@code OrderPlaced} in Kafka. */
    Set<String> orders() {
        return eventIds.keySet();
    }
}
