package gridshop.grid.order;

import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cache.affinity.AffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * New order ids: unguessable, and in the same partition as their session. One secure random UUID keeps an id
 * unguessable; a three-character suffix moves it to the session's partition.
 * <p>
 * Finding the suffix takes about as many tries as there are partitions. A String key is its own affinity key
 * and its partition depends on its hash code alone, so a try does not build the string: it computes the hash
 * of "UUID + suffix" from the UUID's hash, as {@link String#hashCode()} defines it, and asks the cache's
 * affinity function for that hash's partition. Only the id found is built, and the cache's {@link Affinity}
 * confirms it. (Building and hashing each candidate, through the cache's {@code Affinity}, cost 15 % of a
 * checkout's CPU.)
 */
public final class OrderIds {
    private static final int[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz".chars().toArray();

    private final Affinity<Object> affinity;
    private final AffinityFunction function;

    public OrderIds(Ignite ignite) {
        this.affinity = ignite.affinity(OrderCache.NAME);
        this.function = ignite.cache(OrderCache.NAME).getConfiguration(CacheConfiguration.class).getAffinity();
    }

    /** A new order id in {@code sessionId}'s partition. */
    public String next(String sessionId) {
        int partition = affinity.partition(sessionId);
        String base = UUID.randomUUID() + "-";
        int head = base.hashCode() * 31 * 31 * 31;
        Hash hash = new Hash();
        int n = DIGITS.length;
        for (int a = 0; a < n; a++) {
            int ha = head + DIGITS[a] * 31 * 31;
            for (int b = 0; b < n; b++) {
                int hb = ha + DIGITS[b] * 31;
                for (int c = 0; c < n; c++) {
                    hash.value = hb + DIGITS[c];
                    if (function.partition(hash) == partition) {
                        String id = base + (char) DIGITS[a] + (char) DIGITS[b] + (char) DIGITS[c];
                        if (affinity.partition(id) == partition) {
                            return id;
                        }
                    }
                }
            }
        }
        // Only an affinity function that does not map a String by its hash code gets here: build and ask.
        for (int i = 0; ; i++) {
            String id = base + Integer.toString(i, 36);
            if (affinity.partition(id) == partition) {
                return id;
            }
        }
    }

    /** A key that is nothing but a hash code: what the affinity function maps a String key by. */
    private static final class Hash {
        int value;

        @Override
        public int hashCode() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hash h && h.value == value;
        }
    }
}
