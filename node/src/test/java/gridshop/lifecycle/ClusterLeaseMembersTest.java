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
 * inherits those members as the spill folders it waits for; a released lease (a clean stop) leaves no one to await.
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

        assertTrue(lease.renew("e2", "a", Set.of("a", "b")));
        lease.release("e2");
        ClusterLease.Lease released = lease.read().orElseThrow();
        assertTrue(lease.take(OptionalLong.of(released.renewals()), "e3", "b", Set.of("b")));
        ClusterLease.Lease third = lease.read().orElseThrow();
        assertEquals(Set.of(), third.awaiting(), "a lease released by a clean stop awaits no one");
        assertFalse(third.released());
    }
}
