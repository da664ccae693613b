package gridshop.chaos;

import gridshop.platform.KafkaBroker;
import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.Ports;
import gridshop.platform.ShopClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The system under faults: one PostgreSQL and a fixed number of node slots, each a node JVM that can be killed,
 * stopped and started again in its place (same HTTP port, so the same work and spill directories: a restarted node
 * replays what its stop spilled). Where {@code iptables} works, each slot has a loopback address of its own
 * (127.0.0.2, 127.0.0.3, …) and the network between two slots can be cut; otherwise every node is on 127.0.0.1
 * and partitions are not drawn (said loudly). With events on, a real Kafka broker (its own JVM) takes the nodes'
 * domain events and can be stopped and started like PostgreSQL. Everything it started is stopped by {@link #close()}.
 */
final class ChaosCluster implements AutoCloseable {
    /** What the PostgreSQL server is doing now. */
    enum Db { UP, DOWN, PAUSED, READ_ONLY }

    /**
     * The iptables chain of the cuts and the first three parts of the nodes' own addresses: {@code GRIDSHOP_IT_CHAIN}
     * and {@code GRIDSHOP_IT_NET} let a second run (a replay beside a test, with its own {@code GRIDSHOP_IT_PORT_SHIFT})
     * cut its own nodes without healing or cutting the first's.
     */
    private static final String CHAIN = System.getenv().getOrDefault("GRIDSHOP_IT_CHAIN", "GRIDSHOP_CHAOS");
    private static final String NET = System.getenv().getOrDefault("GRIDSHOP_IT_NET", "127.0.0.");
    /** The cgroup (v2) the node JVMs are put in, one child per slot, so that a cut drops what they send unbound too. */
    private static final String CGROUP = "gridshop-chaos-" + ProcessHandle.current().pid();
    private boolean cgroupCut;
    private final OwnPostgres pg;
    private final NodeProcess[] nodes;
    private boolean escrow;
    private final int[] ports;
    private final boolean ownAddresses;
    /** What readiness says while a cluster waits for the nodes of the one before it (ClusterLeaseKeeper). */
    private static final String AWAITS_LAST_CLUSTER = "to join and bring the writes they may have spilled";

    /** Where each node log this cluster writes to began: a port (and so its log) may have served an earlier one. */
    private final Map<java.nio.file.Path, Long> logStarts = new HashMap<>();
    private final List<int[]> cuts = new ArrayList<>();
    /** The network was cut at some point: two sides may have formed, which a healed network does not merge. */
    private boolean everCut;
    private Db db = Db.UP;
    /** The broker the nodes send their events to, or null: events off. */
    private KafkaBroker kafka;
    private boolean kafkaUp;

    private ChaosCluster(OwnPostgres pg, int slots, boolean ownAddresses) {
        this.pg = pg;
        this.nodes = new NodeProcess[slots];
        this.ports = IntStream.range(0, slots).map(i -> Ports.free()).toArray();
        this.ownAddresses = ownAddresses;
    }

    /** PostgreSQL and {@code slots} nodes, all ready. */
    static ChaosCluster start(String name, int slots) throws InterruptedException {
        return start(name, slots, false, false);
    }

    /** As {@link #start(String, int)}, the nodes keeping stock in escrow or not, sending events to a Kafka broker or not. */
    static ChaosCluster start(String name, int slots, boolean escrow, boolean events) throws InterruptedException {
        boolean iptables = Iptables.usable(CHAIN);
        if (!iptables) {
            System.out.println("WARNING: iptables is not usable here (needs root and Debian's iptables package): "
                + "the fault schedule draws no network partitions, and the nodes share 127.0.0.1");
        }
        ChaosCluster c = new ChaosCluster(OwnPostgres.start(name), slots, iptables);
        c.escrow = escrow;
        c.cgroupCut = iptables && Iptables.cgroupsUsable(CHAIN, CGROUP);
        if (iptables && !c.cgroupCut) {
            System.out.println("WARNING: the nodes cannot be put in cgroups (v2) matched by iptables: a cut drops packets "
                + "by address only, and the nodes' unbound sockets (Ignite's communication, from 127.0.0.1) are not cut");
        }
        try {
            if (events) {
                c.kafka = kafkaBroker();
                c.kafkaUp = true;
            }
            for (int i = 0; i < slots; i++) {
                c.launch(i);
            }
            for (int i = 0; i < slots; i++) {
                c.nodes[i].awaitReady(Duration.ofSeconds(180));
            }
            return c;
        } catch (RuntimeException e) {
            try {
                c.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static KafkaBroker kafkaBroker() {
        try {
            return KafkaBroker.start();
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka broker did not start", e);
        }
    }

    int slots() {
        return nodes.length;
    }

    boolean partitionsPossible() {
        return ownAddresses;
    }

    /** Skips the test, loudly, where the network between slots cannot be cut; {@code what} is what needs the cut. */
    void assumePartitions(String what) {
        org.junit.jupiter.api.Assumptions.assumeTrue(ownAddresses, "SKIPPED LOUDLY: iptables is not usable here (needs "
            + "root and Debian's iptables); " + what + " without it");
    }

    /** Waits up to {@code limit} until each of {@code slots} sees {@code servers} server nodes (the caller asserts). */
    void awaitServers(int servers, Duration limit, int... slots) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until && java.util.Arrays.stream(slots).anyMatch(slot -> nodes[slot].servers() != servers)) {
            Thread.sleep(500);
        }
    }

    Db db() {
        return db;
    }

    boolean up(int slot) {
        return nodes[slot] != null;
    }

    List<Integer> upSlots() {
        return IntStream.range(0, nodes.length).filter(this::up).boxed().toList();
    }

    List<Integer> downSlots() {
        return IntStream.range(0, nodes.length).filter(i -> !up(i)).boxed().toList();
    }

    /** HTTP clients of the nodes that run now (a shopper's load balancer). */
    synchronized List<ShopClient> live() {
        List<ShopClient> out = new ArrayList<>();
        for (NodeProcess n : nodes) {
            if (n != null) {
                out.add(n.http());
            }
        }
        return out;
    }

    /**
     * What the nodes said they lost, in their logs since this cluster started: the partitions named by every
     * "Partitions lost with both copies" line (the count) and every "Lost partitions reloaded" line, and whether
     * writes were counted lost that no partition names (a spill the grid had moved past).
     */
    Losses losses() throws IOException {
        Losses all = new Losses(java.util.Set.of(), false);
        for (Map.Entry<java.nio.file.Path, Long> e : logStarts.entrySet()) {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(e.getKey().toFile(), "r")) {
                f.seek(Math.min(e.getValue(), f.length()));
                byte[] tail = new byte[(int) (f.length() - f.getFilePointer())];
                f.readFully(tail);
                all = all.and(Losses.in(new String(tail, java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return all;
    }

    /** Partitions the product said were lost with both copies; {@code unplaced}: it counted writes no partition names. */
    record Losses(java.util.Set<Integer> partitions, boolean unplaced) {
        // the line that counts, and the one that says they were reset and reloaded (a count may have been made by a
        // node that died before it said it; the reload names them too)
        private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern.compile(
            "(?:Partitions lost with both copies|Lost partitions reloaded from PostgreSQL and served again) \\[[^\\n]*?"
                + "partitionIds=\\[([0-9, ]*)]");

        /** What a node's log says it lost. */
        static Losses in(String log) {
            java.util.Set<Integer> partitions = new java.util.TreeSet<>();
            java.util.regex.Matcher m = NAMED.matcher(log);
            while (m.find()) {
                for (String p : m.group(1).split(",")) {
                    if (!p.isBlank()) {
                        partitions.add(Integer.parseInt(p.trim()));
                    }
                }
            }
            return new Losses(partitions, log.contains("came back after the cluster had loaded without them"));
        }

        Losses and(Losses o) {
            java.util.Set<Integer> both = new java.util.TreeSet<>(partitions);
            both.addAll(o.partitions);
            return new Losses(both, unplaced || o.unplaced);
        }
    }

    NodeProcess node(int slot) {
        return nodes[slot];
    }

    String dbUrl() {
        return pg.url();
    }

    /** The Kafka broker's address, or null when the nodes send no events. */
    String kafkaBootstrap() {
        return kafka == null ? null : kafka.bootstrap();
    }

    /** Stops the Kafka broker (events wait in the nodes' outbox) or starts it again on the same data. */
    void kafka(boolean up) throws IOException, InterruptedException {
        if (kafka == null || up == kafkaUp) {
            return;
        }
        if (up) {
            kafka.restart();
        } else {
            kafka.stop();
        }
        kafkaUp = up;
    }

    List<int[]> cuts() {
        return cuts;
    }

    private String host(int slot) {
        return ownAddresses ? NET + (2 + slot) : "127.0.0.1";
    }

    /** Starts the node of a slot without waiting for it to be ready. */
    void launch(int slot) {
        launch(slot, Map.of());
    }

    /** As {@link #launch(int)}, with settings of the test's own added. */
    synchronized void launch(int slot, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
            "gridshop.http.port", String.valueOf(ports[slot]),
            "gridshop.write-behind.drain-timeout", "3s",
            "gridshop.grid.graceful-stop-limit", "30s",
            // stock in escrow (gridshop.stock.escrow): its lanes, settles and lends under the same faults
            "gridshop.stock.escrow", String.valueOf(escrow)));
        if (kafka != null) {
            config.put("gridshop.kafka.bootstrap-servers", kafka.bootstrap());
        }
        if (ownAddresses) {
            config.put("gridshop.grid.local-address", host(slot));
            config.put("gridshop.jdbc.host", host(slot));
            config.put("gridshop.discovery.addresses", String.join(",", IntStream.range(0, nodes.length)
                .mapToObj(i -> host(i) + ":" + NodeProcess.DISCOVERY_PORT + ".." + (NodeProcess.DISCOVERY_PORT + 9)).toList()));
        }
        config.putAll(extra);
        java.nio.file.Path log = NodeProcess.logOf(ports[slot]);
        logStarts.computeIfAbsent(log, p -> p.toFile().length());
        nodes[slot] = NodeProcess.launch(pg.url(), config);
        if (cgroupCut) {
            try {
                Iptables.join(CGROUP, "slot-" + slot, nodes[slot].pid());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("node " + slot + " could not be put in its cgroup", e);
            }
        }
    }

    /**
     * Starts a slot's node and waits up to {@code limit} for it to be ready, as an operator gated on readiness would
     * (a node that cannot be ready yet, the first of a cluster while PostgreSQL is down, is left starting).
     */
    void startAndAwait(int slot, Duration limit) {
        launch(slot);
        try {
            nodes[slot].awaitReady(limit);
        } catch (IllegalStateException e) {
            System.out.println("chaos: node " + slot + " not ready after " + limit + ", going on: " + e.getMessage());
        }
    }

    void kill9(int slot) throws InterruptedException {
        NodeProcess n = take(slot);
        n.kill9();
    }

    /** SIGTERM; the node drains, spills if it must, and leaves. */
    void stop(int slot) throws InterruptedException {
        NodeProcess n = take(slot);
        int status = n.stop();
        if (status == -1) {
            System.out.println("chaos: node " + slot + " did not stop within 120 s and was killed [log=" + n.log() + "]");
        }
    }

    private synchronized NodeProcess take(int slot) {
        NodeProcess n = nodes[slot];
        nodes[slot] = null;
        return n;
    }

    void db(Db next) {
        switch (next) {
            case UP -> {
                if (db == Db.PAUSED) {
                    pg.resume();
                } else if (db == Db.READ_ONLY) {
                    pg.readOnly(false);
                } else {
                    pg.up();
                }
            }
            case DOWN -> pg.down();
            case PAUSED -> pg.pause();
            case READ_ONLY -> pg.readOnly(true);
        }
        db = next;
    }

    /** Drops every packet between the two slots' addresses, both ways, and what their JVMs send each other unbound. */
    void cut(int a, int b) throws IOException, InterruptedException {
        Iptables.drop(CHAIN, host(a), host(b));
        if (cgroupCut) {
            Iptables.dropFrom(CHAIN, CGROUP, "slot-" + a, host(b));
            Iptables.dropFrom(CHAIN, CGROUP, "slot-" + b, host(a));
        }
        cuts.add(new int[] {a, b});
        everCut = true;
    }

    void healNetwork() throws IOException, InterruptedException {
        if (ownAddresses) {
            Iptables.flush(CHAIN);
        }
        cuts.clear();
    }

    /**
     * PostgreSQL answering and writable, the network whole, a node in every slot, all ready and in one cluster. A node
     * whose JVM ended by itself is started again. Two sides of a healed split do not merge (Ignite never joins two
     * clusters), so the nodes outside the largest side are restarted, as an operator does when readiness says
     * "minority". The stopped nodes start one after another, each once the one before is ready (a StatefulSet's
     * OrderedReady); starting them all at once is a fault of its own ({@link Schedule.Fault#START_ALL}).
     */
    void heal(Duration limit) throws IOException, InterruptedException {
        if (db != Db.UP) {
            db(Db.UP);
        }
        kafka(true);
        healNetwork();
        // A side that says "minority" is settled first (confirmed after crashes, restarted after a cut): until then it
        // keeps lost partitions lost, and a node started into it cannot load its catalog from them (it exits).
        settleMinority(limit);
        for (int slot = 0; slot < nodes.length; slot++) {
            readyOrStartedAgain(slot, limit);
        }
        if (everCut) {
            rejoinSides(limit);
        }
        settleMinority(limit);
    }

    /**
     * What an operator does when readiness says "minority" once everything is back: a side that failures left without
     * a majority stays without writes (its copies may be stale) until told. After a cut, whose other side may have
     * written, every node is restarted (each drains to PostgreSQL, then the first loads a fresh grid from it and the
     * spills); after crashes alone (no other side wrote) ops confirm the topology once, on one node (as through a
     * load balancer): every node of the side takes it from there.
     */
    private void settleMinority(Duration limit) throws InterruptedException {
        List<Integer> minority = saying("this side is a minority");
        if (minority.isEmpty()) {
            return;
        }
        if (everCut) {
            System.out.println("chaos: nodes " + minority + " say their side lost its majority after a cut; restarting every node");
            for (int slot : upSlots()) {
                stop(slot);
            }
            for (int slot = 0; slot < nodes.length; slot++) {
                readyOrStartedAgain(slot, limit);
            }
        } else {
            System.out.println("chaos: nodes " + minority + " say their side lost its majority to crashes; ops confirm the topology on node "
                + minority.get(minority.size() - 1));
            ShopClient http = nodes[minority.get(minority.size() - 1)].http();
            ShopClient.Reply r = http.send(java.net.http.HttpRequest.newBuilder(http.uri("/api/ops/topology/confirm"))
                .header("Authorization", "Bearer " + NodeProcess.OPS_TOKEN)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
            if (r.status() != 200) {
                throw new IllegalStateException("ops could not confirm the topology on node " + minority.get(minority.size() - 1)
                    + ": " + r.status() + " " + r.body());
            }
            // The other nodes apply the confirmation within a second (from the meta cache); ops watch readiness until
            // none says "minority" (WholeClusterDiesIT wrote to node 0 300 ms after confirming on node 1: a 503).
            long deadline = System.nanoTime() + limit.toNanos();
            while (!(minority = saying("this side is a minority")).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nodes " + minority + " still say their side is a minority " + limit
                        + " after ops confirmed the topology");
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * The slot's node ready within {@code limit}: started if the slot is empty, and started again (up to three times)
     * if its JVM ends by itself, as an orchestrator restarts a container that exits. A node's start fails and exits
     * where it must, for example one that joined a side whose partitions were lost and could not put its spill back.
     */
    private void readyOrStartedAgain(int slot, Duration limit) {
        for (int attempt = 1; ; attempt++) {
            if (nodes[slot] != null && !nodes[slot].alive()) {
                System.out.println("chaos: node " + slot + "'s JVM had ended by itself; starting it again [log="
                    + nodes[slot].log() + "]");
                take(slot);
            }
            if (nodes[slot] == null) {
                launch(slot);
            }
            try {
                awaitReadyStartingWhomItAwaits(slot, limit);
                return;
            } catch (IllegalStateException e) {
                if (nodes[slot].alive() || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * Waits for the slot's node to be ready, as {@link NodeProcess#awaitReady} does; but a node that says it waits for
     * the nodes of the last cluster (which ended without a clean stop: their spills must be in before it loads) is
     * doing what readiness asks, "start them": every empty slot is started at once then, since none of them can be
     * ready before it is (a StatefulSet would wait here until its spill-wait ran out).
     */
    private void awaitReadyStartingWhomItAwaits(int slot, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean startedTheRest = false;
        while (System.nanoTime() < deadline) {
            NodeProcess n = nodes[slot];
            if (!n.alive()) {
                throw new IllegalStateException("node exited [slot=" + slot + ", log=" + n.log() + "]");
            }
            String readiness = "";
            try {
                ShopClient.Reply r = n.http().unchecked().get("/health/readiness");
                if (r.status() == 200) {
                    return;
                }
                readiness = r.body();
            } catch (java.io.UncheckedIOException e) {
                // not listening yet
            }
            // The node that waits may be another one: the loader, started before this one, which joins it and waits
            // for its load (seed 523417437161487529: the heal waited on a joiner for 3 min while the loader waited for
            // a stopped node's spill, which only an empty slot started would bring).
            int waiting = readiness.contains(AWAITS_LAST_CLUSTER) ? slot
                : saying(AWAITS_LAST_CLUSTER).stream().findFirst().orElse(-1);
            if (!startedTheRest && waiting >= 0) {
                startedTheRest = true;
                for (int other = 0; other < nodes.length; other++) {
                    if (nodes[other] == null) {
                        System.out.println("chaos: node " + waiting + " waits for the last cluster's nodes; starting node " + other);
                        launch(other);
                    }
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for node " + slot, e);
            }
        }
        throw new IllegalStateException("node not ready in " + limit + " [slot=" + slot + ", log=" + nodes[slot].log() + "]");
    }

    /** The running nodes whose readiness says {@code text} (a node not listening, yet or any more, says nothing). */
    private List<Integer> saying(String text) {
        return upSlots().stream().filter(slot -> {
            try {
                return nodes[slot].http().unchecked().get("/health/readiness").body().contains(text);
            } catch (RuntimeException e) {
                return false;
            }
        }).toList();
    }

    /**
     * After a cut, once every node's view of the cluster has held still for 5 s: each node that sees fewer servers
     * than the slots is on a side that did not merge back; the nodes outside the largest side are stopped (SIGTERM:
     * they drain and spill) and started again one by one, and join it.
     */
    private void rejoinSides(Duration limit) throws InterruptedException {
        Map<Integer, Integer> views = settledViews(Duration.ofSeconds(60));
        int largest = views.values().stream().max(Integer::compare).orElse(nodes.length);
        if (largest == nodes.length) {
            return;
        }
        List<Integer> outside = views.entrySet().stream().filter(e -> e.getValue() < largest).map(Map.Entry::getKey).toList();
        List<Integer> side = views.entrySet().stream().filter(e -> e.getValue() == largest).map(Map.Entry::getKey).toList();
        if (outside.isEmpty()) {
            // sides of equal size: the one holding the lowest slot stays
            outside = side.subList(largest, side.size());
        }
        System.out.println("chaos: the split did not merge back (servers seen by slot: " + views + "); restarting " + outside);
        for (int slot : outside) {
            stop(slot);
        }
        for (int slot : outside) {
            readyOrStartedAgain(slot, limit);
        }
        Map<Integer, Integer> after = settledViews(Duration.ofSeconds(60));
        if (after.values().stream().anyMatch(v -> v != nodes.length)) {
            throw new IllegalStateException("the nodes are still not one cluster after restarting " + outside + ": " + after);
        }
    }

    /** The server count each running node sees, once two reads 5 s apart agree (or after {@code limit}). */
    private Map<Integer, Integer> settledViews(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<Integer, Integer> before = views();
        while (true) {
            Thread.sleep(5_000);
            Map<Integer, Integer> now = views();
            if (now.equals(before) || System.nanoTime() > deadline) {
                return now;
            }
            before = now;
        }
    }

    private Map<Integer, Integer> views() {
        Map<Integer, Integer> out = new java.util.TreeMap<>();
        for (int slot : upSlots()) {
            try {
                out.put(slot, nodes[slot].servers());
            } catch (RuntimeException e) {
                out.put(slot, 0);
            }
        }
        return out;
    }

    /** Every stopped node at once (a StatefulSet with podManagementPolicy: Parallel), without waiting. */
    void launchAllDown() {
        for (int slot : downSlots()) {
            launch(slot);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (ownAddresses) {
                Iptables.remove(CHAIN);
            }
        } finally {
            if (db == Db.PAUSED) {
                pg.resume();
            }
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i] != null) {
                    take(i).close();
                }
            }
            if (cgroupCut) {
                Iptables.removeCgroups(CHAIN, CGROUP);
            }
            try {
                pg.close();
            } finally {
                if (kafka != null) {
                    kafka.close();
                }
            }
        }
    }
}
