package gridshop.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A seeded random sequence of faults, planned before it runs so that it can be printed and replayed: the same seed,
 * menu and size give the same steps. Each step is a fault, the slots it hits and how long the workload runs after
 * it before the next one. The plan follows the state the faults leave (which nodes run, what PostgreSQL does, which
 * links are cut), so every step makes sense where it lands: a stopped node is started again, a stopped PostgreSQL
 * comes back, in whatever order the draw gives.
 */
record Schedule(long seed, List<Step> steps) {

    /** What can happen. */
    enum Fault {
        /** kill -9 of one node (never the last one running: that loss is the one no grid can prevent). */
        KILL_ONE,
        /** kill -9 of two nodes at once, while three run: some partitions lose both copies (counted). */
        KILL_TWO,
        /** SIGTERM of one node (the last one too: it drains and spills). */
        STOP_ONE,
        /** A stopped or killed node starts again in its place (same port, same spill directory). */
        START_ONE,
        /** Every stopped or killed node starts again at once, none waiting for another (podManagementPolicy: Parallel). */
        START_ALL,
        DB_DOWN,
        /** SIGSTOP of PostgreSQL's processes: connections hang instead of failing. */
        DB_PAUSE,
        /** PostgreSQL refuses every write (default_transaction_read_only), as after a fail-over to a demoted primary. */
        DB_READ_ONLY,
        /** PostgreSQL up, running and writable again. */
        DB_HEAL,
        /** One node cut from every other on the network (iptables), while still reachable by clients. */
        PARTITION,
        NET_HEAL,
        /** The Kafka broker stopped (drawn only where the nodes send events): events wait in the outbox, in the grid. */
        KAFKA_DOWN,
        /** The Kafka broker started again on its data. */
        KAFKA_UP;

        static Set<Fault> parse(String list) {
            if (list.isBlank() || list.equals("all")) {
                return EnumSet.allOf(Fault.class);
            }
            return Arrays.stream(list.split(",")).map(String::trim).map(Fault::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Fault.class)));
        }
    }

    record Step(Fault fault, List<Integer> slots, long thenMs) {
        @Override
        public String toString() {
            return fault + (slots.isEmpty() ? "" : " " + slots) + " +" + thenMs + "ms";
        }
    }

    /** {@code partitions}: the network can be cut; {@code events}: the nodes send events to Kafka (its faults drawn). */
    static Schedule plan(long seed, int size, Set<Fault> menu, int slots, boolean partitions, boolean events) {
        Random random = new Random(seed);
        Set<Integer> up = new TreeSet<>();
        for (int i = 0; i < slots; i++) {
            up.add(i);
        }
        ChaosCluster.Db db = ChaosCluster.Db.UP;
        boolean cut = false;
        boolean kafkaUp = true;
        List<Step> steps = new ArrayList<>();
        while (steps.size() < size) {
            List<Fault> possible = new ArrayList<>();
            for (Fault f : menu) {
                if (applies(f, up.size(), slots, db, cut, partitions, events ? kafkaUp : null)) {
                    possible.add(f);
                }
            }
            if (possible.isEmpty()) {
                throw new IllegalArgumentException("no fault of " + menu + " applies after " + steps);
            }
            Fault f = possible.get(random.nextInt(possible.size()));
            List<Integer> hit = switch (f) {
                case KILL_ONE, STOP_ONE, PARTITION -> List.of(pick(random, up));
                case KILL_TWO -> twoOf(random, up);
                case START_ONE -> List.of(pick(random, downOf(up, slots)));
                case START_ALL -> List.copyOf(downOf(up, slots));
                default -> List.of();
            };
            switch (f) {
                case KILL_ONE, STOP_ONE, KILL_TWO -> up.removeAll(hit);
                case START_ONE, START_ALL -> up.addAll(hit);
                case DB_DOWN -> db = ChaosCluster.Db.DOWN;
                case DB_PAUSE -> db = ChaosCluster.Db.PAUSED;
                case DB_READ_ONLY -> db = ChaosCluster.Db.READ_ONLY;
                case DB_HEAL -> db = ChaosCluster.Db.UP;
                case PARTITION -> cut = true;
                case NET_HEAL -> cut = false;
                case KAFKA_DOWN -> kafkaUp = false;
                case KAFKA_UP -> kafkaUp = true;
                default -> throw new IllegalStateException(f.name());
            }
            steps.add(new Step(f, hit, 1_000 + random.nextInt(4_000)));
        }
        return new Schedule(seed, steps);
    }

    /** Whether a fault makes sense where the schedule stands; {@code kafkaUp} null: the nodes send no events. */
    private static boolean applies(Fault f, int up, int slots, ChaosCluster.Db db, boolean cut, boolean partitions,
                                   Boolean kafkaUp) {
        return switch (f) {
            case KILL_ONE -> up >= 2;
            case KILL_TWO -> up == 3;
            case STOP_ONE -> up >= 1;
            case START_ONE -> up < slots;
            case START_ALL -> up < slots - 1;
            case DB_DOWN, DB_PAUSE, DB_READ_ONLY -> db == ChaosCluster.Db.UP;
            case DB_HEAL -> db != ChaosCluster.Db.UP;
            case PARTITION -> partitions && !cut && up >= 2;
            case NET_HEAL -> cut;
            case KAFKA_DOWN -> Boolean.TRUE.equals(kafkaUp);
            case KAFKA_UP -> Boolean.FALSE.equals(kafkaUp);
        };
    }

    private static int pick(Random random, Set<Integer> from) {
        List<Integer> l = new ArrayList<>(from);
        return l.get(random.nextInt(l.size()));
    }

    private static List<Integer> twoOf(Random random, Set<Integer> from) {
        List<Integer> l = new ArrayList<>(from);
        java.util.Collections.shuffle(l, random);
        return List.copyOf(new TreeSet<>(l.subList(0, 2)));
    }

    private static Set<Integer> downOf(Set<Integer> up, int slots) {
        Set<Integer> down = new TreeSet<>();
        for (int i = 0; i < slots; i++) {
            if (!up.contains(i)) {
                down.add(i);
            }
        }
        return down;
    }

    @Override
    public String toString() {
        return "seed " + seed + ": " + steps;
    }
}
