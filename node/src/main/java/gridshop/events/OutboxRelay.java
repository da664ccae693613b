package gridshop.events;

import gridshop.platform.BackgroundLoop;
import gridshop.platform.GridMode;
import gridshop.grid.events.OutboxCache;
import gridshop.grid.platform.HeldWrites;
import gridshop.grid.platform.WriteJournal;
import gridshop.grid.events.OutboxEvent;
import gridshop.grid.events.OutboxKey;
import gridshop.persistence.deadletter.DeadLetters;
import gridshop.persistence.writebehind.WriteBehindFlusher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox entries this node is primary for to Kafka with an idempotent producer (key = aggregate id,
 * header {@code eventId}), and removes each once Kafka acknowledged it. Within one stream (topic + key) events
 * go in sequence order, and an entry is removed only if every earlier one of its stream was acknowledged too:
 * a failure leaves the rest of that stream for the next round, so order per aggregate holds and a retry can
 * only duplicate (same event id). Kafka down: entries wait; the relay backs off and tries again.
 */
@GridMode
@Singleton
public final class OutboxRelay implements BackgroundLoop {
    private static final long STALLED_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Comparator<OutboxEvent> STREAM_ORDER = Comparator.comparing(OutboxEvent::topic)
        .thenComparing(OutboxEvent::key).thenComparingLong(OutboxEvent::sequence).thenComparingLong(OutboxEvent::createdAt);

    private static final int BATCH = 500;
    private final IgniteCache<OutboxKey, OutboxEvent> outbox;
    private final DeadLetters letters;
    private final HeldWrites held;
    private final String bootstrap;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gridshop-outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private KafkaProducer<String, String> producer;
    private long backoffMs = 200;
    private volatile boolean running;
    private volatile long lastBeat = System.nanoTime();
    private volatile long relayed;

    private final Counter failedRounds;

    OutboxRelay(Ignite ignite, WriteBehindFlusher flusher, KafkaProperties kafka, WriteJournal journal,
                MeterRegistry meters) {
        this.held = journal.held();
        this.failedRounds = Counter.builder("gridshop.relay.failures")
            .description("Kafka relay rounds that failed and will be retried").register(meters);
        FunctionCounter.builder("gridshop.relay.events", this, r -> r.relayed)
            .description("Domain events this node relayed to Kafka").register(meters);
        this.outbox = ignite.cache(OutboxCache.NAME);
        this.letters = flusher.deadLetters();
        this.bootstrap = kafka.bootstrapServers();
    }

    /** Starts relaying if Kafka is configured. */
    public void start() {
        if (!bootstrap.isBlank()) {
            running = true;
            lastBeat = System.nanoTime();
            scheduler.schedule(this::round, 0, TimeUnit.MILLISECONDS);
            LOG.info("Domain events relayed to Kafka [bootstrapServers={}]", bootstrap);
        }
    }

    private void round() {
        long delay = 200;
        try {
            int sent;
            do {
                sent = relayOnce();
            } while (sent >= BATCH);
            backoffMs = 200;
        } catch (Throwable e) {
            // Everything is caught: a relay thread that dies would leave events in the outbox without a word.
            failedRounds.increment();
            backoffMs = Math.min(backoffMs * 2, 5_000);
            delay = backoffMs;
            LOG.warn("Kafka relay round failed; events stay in the outbox [outboxLocal={}, retryMs={}, error={}]",
                localSize(), delay, e.toString());
            closeProducerQuietly();
        }
        lastBeat = System.nanoTime();
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::round, delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One batch: the first {@value #BATCH} of this node's pending events in stream order. Every pending event is
     * looked at, not just the first found: a prefix of the stream order holds, for each event in it, every
     * earlier event of its stream, so per-key order holds however many events wait.
     */
    int relayOnce() throws Exception {
        List<Cache.Entry<OutboxKey, OutboxEvent>> pending = new ArrayList<>();
        boolean holding = held.holding(); // events of transactions held back after a failure (HeldWrites) wait
        for (Cache.Entry<OutboxKey, OutboxEvent> e : outbox.localEntries(CachePeekMode.PRIMARY)) {
            if (!letters.parked(OutboxCache.NAME, e.getKey()) && !(holding && held.heldSide(e.getKey()))) {
                pending.add(e);
            }
        }
        if (pending.isEmpty()) {
            return 0;
        }
        pending.sort(Comparator.comparing(Cache.Entry::getValue, STREAM_ORDER));
        List<Cache.Entry<OutboxKey, OutboxEvent>> batch = pending.subList(0, Math.min(BATCH, pending.size()));
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (Cache.Entry<OutboxKey, OutboxEvent> e : batch) {
            acks.add(send(p, e.getValue()));
        }
        p.flush();
        int removed = 0;
        Exception failure = null;
        String failedStream = null;
        for (int i = 0; i < batch.size(); i++) {
            OutboxEvent ev = batch.get(i).getValue();
            String stream = ev.topic() + "/" + ev.key();
            if (stream.equals(failedStream)) {
                continue;
            }
            try {
                acks.get(i).get();
                outbox.remove(batch.get(i).getKey());
                removed++;
                relayed++;
            } catch (java.util.concurrent.ExecutionException ex) {
                if (refusedForGood(ex.getCause())) {
                    // This event can never be sent (too large, a topic Kafka will not take): park it, go on with
                    // the rest of its stream and every other one, instead of holding them all back.
                    letters.park(OutboxCache.NAME, batch.get(i).getKey(), "Kafka", ex.getCause().toString());
                    continue;
                }
                failedStream = stream;
                failure = ex;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("Kafka did not acknowledge " + (batch.size() - removed) + " events", failure);
        }
        return removed;
    }

    /** Kafka's verdict on the record itself, not on the connection or the cluster: retrying cannot help. */
    static boolean refusedForGood(Throwable cause) {
        return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
            || cause instanceof InvalidTopicException || cause instanceof TopicAuthorizationException
            || cause instanceof SerializationException;
    }

    private static Future<RecordMetadata> send(KafkaProducer<String, String> p, OutboxEvent e) {
        ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), e.key(), e.payload());
        record.headers().add("eventId", e.eventId().getBytes(StandardCharsets.UTF_8));
        record.headers().add("type", e.type().getBytes(StandardCharsets.UTF_8));
        try {
            // On a failed delivery the producer is closed at once from its own callback (close(0), which fails the
            // records not yet sent): otherwise, after a batch expires, the idempotent producer starts a new epoch
            // and sends the stream's later records, and Kafka would hold them before the failed one (which the
            // next round sends again). With one request in flight, nothing after a failure was on the wire.
            return p.send(record, (meta, failure) -> {
                if (failure != null && !refusedForGood(failure)) {
                    p.close(java.time.Duration.ZERO);
                }
            });
        } catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties cfg = new Properties();
            cfg.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000",
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
            cfg.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
            producer = new KafkaProducer<>(cfg);
        }
        return producer;
    }

    @Override
    public String name() {
        return "Kafka outbox relay";
    }

    /** False once started if its loop has not beaten for a while. */
    @Override
    public boolean alive() {
        return !running || System.nanoTime() - lastBeat < STALLED_NANOS;
    }

    private void closeProducerQuietly() {
        try {
            closeProducer();
        } catch (RuntimeException e) {
            producer = null;
            LOG.debug("Closing the Kafka producer", e);
        }
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(1));
            producer = null;
        }
    }

    private long localSize() {
        return outbox.localSizeLong(CachePeekMode.PRIMARY);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        closeProducer();
    }
}
