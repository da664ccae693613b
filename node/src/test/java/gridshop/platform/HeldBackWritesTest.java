package gridshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.grid.platform.Versions;
import gridshop.grid.platform.WriteJournal;
import gridshop.grid.session.SessionCache;
import gridshop.grid.session.ShopperSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;
import org.junit.jupiter.api.Test;

/**
 * A write whose transaction saw a server node go may have committed on this side of a cut alone (Ignite finishes a
 * commit on the primary once a backup it waited for is seen to fail). It is not acknowledged, and it is held back
 * from PostgreSQL until the node knows its side writes (seeds 3941185121755190297 and 5263169062468821681: sessions
 * acknowledged by a cut-off node, written to PostgreSQL by its flusher, then gone with its grid).
 */
class HeldBackWritesTest {

    @Test
    void aWriteCommittedAsAServerNodeLeftIsNotAcknowledgedAndReachesPostgresOnceTheSideWrites() throws Exception {
        try (GridFixture grid = GridFixture.nodes(1)) {
            ShopNode a = grid.node(0);
            ShopNode b = ShopNode.start("held-back-b-" + UUID.randomUUID(), grid.dbUrl(), Map.of());
            try {
                Ignite ignite = a.bean(Ignite.class);
                String id = keyPrimaryOn(ignite, SessionCache.NAME);
                long before = ignite.cluster().topologyVersion();
                ApiException refused = assertThrows(ApiException.class, () -> a.bean(GridTransactions.class).write(writes -> {
                    writes.put(ignite.cache(SessionCache.NAME), id, session(id));
                    b.close(); // a server node goes while this transaction holds its lock
                    awaitTopologyAfter(ignite, before);
                    return null;
                }), "a write that committed as a server node left is not acknowledged");
                assertEquals(503, refused.status().getCode(), refused.getMessage());
                assertTrue(refused.getMessage().contains("held back"), refused.getMessage());
                // The node that left did so cleanly and this side is whole: the write goes on to PostgreSQL.
                assertTrue(awaitSession(grid.dbUrl(), id, Duration.ofSeconds(30)),
                    "the held write reached PostgreSQL once the side was known to write");
            } finally {
                b.close();
            }
        }
    }

    @Test
    void heldWritesStayOutOfPostgresUntilTheSideIsKnownToWrite() throws Exception {
        try (GridFixture grid = GridFixture.nodes(1)) {
            ShopNode a = grid.node(0);
            Ignite ignite = a.bean(Ignite.class);
            WriteJournal journal = a.bean(WriteJournal.class);
            AtomicBoolean sideWrites = new AtomicBoolean(false);
            journal.held().bind(() -> false, sideWrites::get); // as on a side that may be a minority
            IgniteCache<String, ShopperSession> sessions = ignite.cache(SessionCache.NAME);

            String held = UUID.randomUUID().toString();
            try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
                TransactionIsolation.REPEATABLE_READ)) {
                WriteJournal.Writes writes = journal.writes();
                writes.put(sessions, held, session(held));
                writes.record();
                tx.commit();
                writes.holdBack(); // what GridTransactions does when a server node went during the commit
                writes.done();
            }
            String later = UUID.randomUUID().toString();
            a.bean(GridTransactions.class).write(writes -> {
                writes.put(sessions, later, session(later));
                return null;
            });

            assertTrue(awaitSession(grid.dbUrl(), later, Duration.ofSeconds(30)), "a write not held back is flushed");
            Thread.sleep(1_000);
            assertTrue(!inPostgres(grid.dbUrl(), held), "the held write is not in PostgreSQL while the side may not write");
            String readiness = a.http().get("/health/readiness").body();
            assertTrue(readiness.contains("held back"), "readiness says writes are held back: " + readiness);

            sideWrites.set(true);
            assertTrue(awaitSession(grid.dbUrl(), held, Duration.ofSeconds(30)),
                "the held write reaches PostgreSQL once the side is known to write");
        }
    }

    private static ShopperSession session(String id) {
        Instant now = Instant.now();
        return new ShopperSession(id, null, Timestamp.from(now), Timestamp.from(now.plusSeconds(1800)), Versions.first());
    }

    /** A fresh key whose partition's primary is this node. */
    private static String keyPrimaryOn(Ignite ignite, String cache) {
        while (true) {
            String id = UUID.randomUUID().toString();
            if (ignite.affinity(cache).isPrimary(ignite.cluster().localNode(), id)) {
                return id;
            }
        }
    }

    private static void awaitTopologyAfter(Ignite ignite, long version) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ignite.cluster().topologyVersion() == version) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the node's departure was never seen");
            }
            ShopNode.sleep(20);
        }
    }

    private static boolean awaitSession(String db, String id, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (inPostgres(db, id)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean inPostgres(String db, String id) throws SQLException {
        try (Connection c = TestDatabase.connect(db);
             PreparedStatement st = c.prepareStatement("SELECT 1 FROM shopper_session WHERE session_id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
