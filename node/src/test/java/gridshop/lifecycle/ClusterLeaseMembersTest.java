package gridshop.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.analyst.AnalystData;
import gridshop.persistence.platform.ClusterLease;
import gridshop.persistence.platform.Database;
import gridshop.platform.TestDatabase;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The lease remembers who was in the cluster that holds it, and a cluster taking over a lease that was not released
 * inherits those members as the spill folders it waits for, on top of what the cluster before it still awaited; a
 * lease released by a clean stop with nothing awaited leaves no one to await.
 */
class ClusterLeaseMembersTest {

    @Test
    void aTakeOverOfAnUnreleasedLeaseAwaitsTheOldMembersAndAReleasedOneNoOne() throws Exception {
        DataSource ds = AnalystData.dataSource(TestDatabase.freshUrl());
        Database.migrate(ds);
        ClusterLease lease = new ClusterLease(ds);

        assertTrue(lease.take(OptionalLong.empty(), "e1", "a", Set.of("a")));
        assertTrue(lease.renew("e1", "b", Set.of("a", "b", "c")));
        ClusterLease.Lease first = lease.read().orElseThrow();
        assertEquals(Set.of("a", "b", "c"), first.members(), "a renewal records the cluster's members");
        assertEquals(Set.of(), first.awaiting());

        // every node of e1 killed, or stopped while PostgreSQL was down: nothing released it
        assertTrue(lease.take(OptionalLong.of(first.renewals()), "e2", "a", Set.of("a")));
        ClusterLease.Lease second = lease.read().orElseThrow();
        assertEquals(Set.of("a", "b", "c"), second.awaiting(), "the old cluster's members are awaited");
        assertEquals(Set.of("a"), second.members());

        lease.awaited("e2", Set.of("a", "c"));
        assertEquals(Set.of("b"), lease.read().orElseThrow().awaiting(), "those that arrived are awaited no more");
        lease.awaited("e1", Set.of("b"));
        assertEquals(Set.of("b"), lease.read().orElseThrow().awaiting(), "only the holding epoch changes what it awaits");

        // e2 stopped (or died) while still waiting for b: the next cluster waits for b too, and for e2's members
        assertTrue(lease.renew("e2", "a", Set.of("a", "d")));
        ClusterLease.Lease waiting = lease.read().orElseThrow();
        assertTrue(lease.take(OptionalLong.of(waiting.renewals()), "e3", "d", Set.of("d")));
        assertEquals(Set.of("a", "b", "d"), lease.read().orElseThrow().awaiting(),
            "a take keeps what the cluster before it still awaited");
        lease.release("e3");
        ClusterLease.Lease releasedWhileWaiting = lease.read().orElseThrow();
        assertTrue(lease.take(OptionalLong.of(releasedWhileWaiting.renewals()), "e4", "d", Set.of("d")));
        assertEquals(Set.of("a", "b", "d"), lease.read().orElseThrow().awaiting(),
            "a release by a cluster that never loaded does not drop its wait");

        lease.awaited("e4", Set.of("a", "b", "d"));
        assertTrue(lease.renew("e4", "d", Set.of("d", "e")));
        lease.release("e4");
        ClusterLease.Lease released = lease.read().orElseThrow();
        assertTrue(lease.take(OptionalLong.of(released.renewals()), "e5", "e", Set.of("e")));
        ClusterLease.Lease fifth = lease.read().orElseThrow();
        assertEquals(Set.of(), fifth.awaiting(), "a lease released by a clean stop, nothing awaited, awaits no one");
        assertFalse(fifth.released());
    }

    /**
     * Nodes named by a spill of the last cluster's (they joined it while PostgreSQL was down, so no renewal recorded
     * them) are awaited too while the new cluster still waits; once its wait is over, or when it awaited no one, not.
     */
    @Test
    void membersNamedByASpillAreAwaitedOnlyWhileTheClusterStillWaits() throws Exception {
        // c joins e1 while PostgreSQL is down (no renewal names it); the whole cluster dies
        ClusterLease lease = e2TookOverFromE1OfAAndB();
        assertTrue(lease.awaitAlso("e2", Set.of("b", "c")), "a's spill names b and c");
        assertEquals(Set.of("a", "b", "c"), lease.read().orElseThrow().awaiting());
        assertFalse(lease.awaitAlso("e1", Set.of("x")), "only the holding epoch");

        lease.awaited("e2", Set.of("a", "b", "c"));
        assertFalse(lease.awaitAlso("e2", Set.of("d")), "the wait is over: the grid is loaded");
        assertEquals(Set.of(), lease.read().orElseThrow().awaiting());

        lease.release("e2");
        assertTrue(lease.take(OptionalLong.of(lease.read().orElseThrow().renewals()), "e3", "a", Set.of("a")));
        assertFalse(lease.awaitAlso("e3", Set.of("b")), "a released lease left nothing behind: no one is awaited");
        assertEquals(Set.of(), lease.read().orElseThrow().awaiting());

        // a cluster whose last renewal named no one (a lease older than the members column) leaves ',' behind
        assertTrue(lease.renew("e3", "a", Set.of()));
        assertTrue(lease.take(OptionalLong.of(lease.read().orElseThrow().renewals()), "e4", "a", Set.of("a")));
        assertEquals(Set.of(), lease.read().orElseThrow().awaiting());
        assertFalse(lease.awaitAlso("e4", Set.of("b")), "awaiting no one, even written as ','");
    }

    /** When the wait runs out, everything still awaited is dropped and named, what a spill added meanwhile too. */
    @Test
    void aWaitThatRunsOutDropsAndNamesAllItStillHeld() throws Exception {
        ClusterLease lease = e2TookOverFromE1OfAAndB();
        Set<String> readByTheLoader = lease.read().orElseThrow().awaiting();
        assertTrue(lease.awaitAlso("e2", Set.of("c")), "b's spill names c, after the loader read the lease");
        assertEquals(Set.of(), lease.stopAwaiting("e1"), "only the holding epoch");
        assertEquals(Set.of("a", "b", "c"), lease.stopAwaiting("e2"), "not only " + readByTheLoader);
        assertEquals(Set.of(), lease.read().orElseThrow().awaiting(), "no name is left behind for the next cluster");
    }

    /** A fresh database whose lease e1 (renewed last by members a and b) left unreleased, and e2 took over. */
    private static ClusterLease e2TookOverFromE1OfAAndB() throws Exception {
        DataSource ds = AnalystData.dataSource(TestDatabase.freshUrl());
        Database.migrate(ds);
        ClusterLease lease = new ClusterLease(ds);
        assertTrue(lease.take(OptionalLong.empty(), "e1", "a", Set.of("a")));
        assertTrue(lease.renew("e1", "a", Set.of("a", "b")));
        assertTrue(lease.take(OptionalLong.of(lease.read().orElseThrow().renewals()), "e2", "a", Set.of("a")));
        return lease;
    }
}
