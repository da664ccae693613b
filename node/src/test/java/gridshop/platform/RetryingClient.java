package gridshop.platform;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A client of whichever nodes are live, as a shop's clients behave under faults: a request is sent until a node
 * acknowledges it, retried on 503 and on a lost connection (the same request, so a checkout keeps its
 * Idempotency-Key), given up on any other answer or after {@code giveUp}. Every answer is counted by status (-1: no
 * answer); a 5xx other than 503 with Retry-After is recorded as a bad answer.
 */
public final class RetryingClient {
    /** Not acknowledged: a final refusal, or no answer in time. Nothing is promised for the request. */
    public static final class GaveUp extends RuntimeException {
        GaveUp() {
            super(null, null, false, false);
        }
    }

    private final Supplier<List<ShopClient>> nodes;
    private final Duration giveUp;
    private final BooleanSupplier going;
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<String> badAnswers = new CopyOnWriteArrayList<>();

    /** {@code going}: while false, a request is not tried again. */
    public RetryingClient(Supplier<List<ShopClient>> nodes, Duration giveUp, BooleanSupplier going) {
        this.nodes = nodes;
        this.giveUp = giveUp;
        this.going = going;
    }

    public ShopClient.Reply ack(Function<ShopClient, ShopClient.Reply> request, int... ok) {
        long deadline = System.nanoTime() + giveUp.toNanos();
        int attempt = 0;
        while (System.nanoTime() < deadline && going.getAsBoolean()) {
            List<ShopClient> live = nodes.get();
            if (live.isEmpty()) {
                sleep(200);
                continue;
            }
            ShopClient http = live.get(attempt++ % live.size());
            try {
                ShopClient.Reply r = request.apply(http);
                statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                for (int s : ok) {
                    if (r.status() == s) {
                        return r;
                    }
                }
                if (r.status() >= 500 && !(r.status() == 503 && r.headers().firstValue("Retry-After").isPresent())) {
                    badAnswers.add(r.status() + " " + r.body());
                }
                if (r.status() != 503) {
                    throw new GaveUp();
                }
            } catch (UncheckedIOException e) {
                statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
            }
            sleep(100);
        }
        throw new GaveUp();
    }

    public void bad(String answer) {
        badAnswers.add(answer);
    }

    public List<String> badAnswers() {
        return badAnswers;
    }

    public Map<Integer, AtomicInteger> statuses() {
        return new TreeMap<>(statuses);
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GaveUp();
        }
    }
}
