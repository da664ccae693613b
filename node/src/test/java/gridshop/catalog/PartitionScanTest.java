package gridshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog index's first fill reads every product through {@link PartitionScan}: readers ahead of the iterator by
 * at most the queue's size. On one node, one Ignite server in this JVM, no Micronaut.
 */
class PartitionScanTest {
    private static Ignite ignite;

    @BeforeAll
    static void start() {
        int discovery = Ports.free();
        ignite = Ignition.start(new IgniteConfiguration()
            .setIgniteInstanceName("partition-scan-test")
            .setLocalHost("127.0.0.1")
            .setMetricsLogFrequency(0)
            .setDiscoverySpi(new TcpDiscoverySpi().setLocalPort(discovery).setLocalPortRange(0)
                .setIpFinder(new TcpDiscoveryVmIpFinder().setAddresses(List.of("127.0.0.1:" + discovery))))
            .setCommunicationSpi(new TcpCommunicationSpi().setLocalPort(Ports.free()).setLocalPortRange(0))
            .setDataStorageConfiguration(new DataStorageConfiguration().setDefaultDataRegionConfiguration(
                new DataRegionConfiguration().setName("default").setInitialSize(32L << 20).setMaxSize(64L << 20))));
    }

    @AfterAll
    static void stop() {
        if (ignite != null) {
            ignite.close();
        }
    }

    /**
     * A reader that ends while the queue is full is still counted: the iterator reads every value and ends. With the
     * reader's "done" dropped when the queue had no room ({@code add} threw "Queue full"), the iterator waited for that
     * reader forever, and a node whose index fill met it never became ready (seen at 1,000,000 products).
     */
    @Test
    void aReaderThatEndsWhileTheQueueIsFullIsStillCounted() throws Exception {
        IgniteCache<Integer, String> cache = ignite.getOrCreateCache(new CacheConfiguration<Integer, String>("scan-full")
            .setAffinity(new RendezvousAffinityFunction(false, 4)));
        int values = 64;
        IntStream.range(0, values).forEach(i -> cache.put(i, "v" + i));
        // One reader, a queue that holds exactly every value: the reader fills it and ends with no room for its "done".
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        PartitionScan<String> scan = new PartitionScan<>(ignite, "scan-full", 1, values);
        Thread reader = readerThread(before);
        long until = System.nanoTime() + 20_000_000_000L; // until the reader has put every value: ended, or saying done
        while (reader.isAlive() && !sayingDone(reader)) {
            assertTrue(System.nanoTime() < until, "the reader did not get through the cache's values");
            Thread.sleep(10);
        }
        Set<String> read = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Set<String> out = new HashSet<>();
            scan.forEachRemaining(out::add);
            return out;
        }, "the iterator waited for a reader that had ended");
        assertEquals(values, read.size());
    }

    /** Several readers, a queue far smaller than the cache: every value once, then the end. */
    @Test
    void severalReadersThroughASmallQueueReadEveryValueOnce() {
        IgniteCache<Integer, String> cache = ignite.getOrCreateCache(new CacheConfiguration<Integer, String>("scan-small")
            .setAffinity(new RendezvousAffinityFunction(false, 16)));
        int values = 5_000;
        IntStream.range(0, values).forEach(i -> cache.put(i, "v" + i));
        List<String> read = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            List<String> out = new ArrayList<>();
            new PartitionScan<String>(ignite, "scan-small", 3, 8).forEachRemaining(out::add);
            return out;
        });
        assertEquals(values, read.size());
        assertEquals(values, new HashSet<>(read).size());
    }

    /** Waiting for room in the queue: with room for every value, only for its "done". */
    private static boolean sayingDone(Thread reader) {
        return reader.getState() == Thread.State.TIMED_WAITING && Arrays.stream(reader.getStackTrace())
            .anyMatch(f -> f.getClassName().equals(PartitionScan.class.getName()) && f.getMethodName().equals("queue"));
    }

    /**
     * A caller that stops iterating part-way (its index fill threw, the node stops) closes the scan, and its readers
     * end: before, they waited for room in the queue for ever, each holding its cursor and up to a queue of products.
     */
    @Test
    void closingAScanLeftPartWayEndsItsReaders() throws Exception {
        IgniteCache<Integer, String> cache = ignite.getOrCreateCache(new CacheConfiguration<Integer, String>("scan-left")
            .setAffinity(new RendezvousAffinityFunction(false, 4)));
        IntStream.range(0, 200).forEach(i -> cache.put(i, "v" + i));
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        PartitionScan<String> scan = new PartitionScan<>(ignite, "scan-left", 1, 8);
        Thread reader = readerThread(before);
        scan.next();
        scan.next();
        scan.close();
        reader.join(10_000);
        assertFalse(reader.isAlive(), "the reader of a closed scan still waits: " + Arrays.toString(reader.getStackTrace()));
    }

    /** The scan's reader: started after {@code before} was taken (an earlier test's may not have ended yet). */
    private static Thread readerThread(Set<Thread> before) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("gridshop-index-scan-0") && !before.contains(t)) {
                    return t;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no reader thread started");
    }
}
