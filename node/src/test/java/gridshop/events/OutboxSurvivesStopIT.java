package gridshop.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.order.OrderResponse;
import gridshop.platform.KafkaBroker;
import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Route 4 of issue 29: events waiting for Kafka must not die with the node. Kafka is down; the only node acknowledges
 * a checkout, whose OrderPlaced and StockChanged wait in the outbox; the node is stopped with SIGTERM and started
 * again: the events are back in the outbox before it is ready, and once Kafka is up the OrderPlaced arrives.
 */
@Timeout(300)
class OutboxSurvivesStopIT {

    @Test
    void eventsWaitingForKafkaSurviveASigtermOfTheLastNode() throws Exception {
        String run = "outbox-survives-stop-" + ProcessHandle.current().pid();
        try (KafkaBroker broker = KafkaBroker.start(); OwnPostgres pg = OwnPostgres.start(run)) {
            broker.stop();
            Map<String, String> config = Map.of("gridshop.kafka.bootstrap-servers", broker.bootstrap(),
                "gridshop.write-behind.spill-dir", Path.of("target", "it-spill", run).toString());
            NodeProcess node = NodeProcess.start(pg.url(), config);
            String orderId;
            try {
                String sid = ShopFixture.newSession(node.http());
                ShopFixture.setQuantity(node.http(), sid, ShopFixture.inStock(30), 1);
                ShopClient.Reply placed = ShopFixture.checkout(node.http(), sid, "route-4");
                assertEquals(201, placed.status(), placed.body());
                orderId = ShopFixture.gridId(placed.as(OrderResponse.class).orderId()); // events carry the unsigned id
                assertEquals(2, awaitOutbox(node, 2), "OrderPlaced and StockChanged wait for Kafka");
            } finally {
                int exit = node.stop();
                assertTrue(exit == 0 || exit == 143, "a SIGTERM stop ends by itself, got " + exit + "; log: " + node.log());
            }

            NodeProcess again = NodeProcess.start(pg.url(), config);
            try {
                assertEquals(2, awaitOutbox(again, 2), "the events are back in the outbox after the restart");
                broker.restart();
                assertTrue(orderPlacedArrives(broker.bootstrap(), orderId, Duration.ofSeconds(90)),
                    "the OrderPlaced of order " + orderId + " reaches Kafka");
            } finally {
                again.close();
            }
        }
    }

    /** Polls readiness until its outbox count is {@code expected} (or 20 s pass: it is sampled); the last reading. */
    private static long awaitOutbox(NodeProcess node, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long outbox = outbox(node);
        while (outbox != expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            outbox = outbox(node);
        }
        return outbox;
    }

    private static long outbox(NodeProcess node) {
        Object n = node.http().unchecked().get("/health/readiness").map().get("outbox");
        return n == null ? -1 : ((Number) n).longValue();
    }

    private static boolean orderPlacedArrives(String bootstrap, String orderId, Duration limit) {
        try (KafkaConsumer<String, String> consumer = KafkaBroker.readerFromStart(bootstrap)) {
            consumer.subscribe(List.of("gridshop.orders"));
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (orderId.equals(r.key()) && r.value().contains("\"OrderPlaced\"")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
