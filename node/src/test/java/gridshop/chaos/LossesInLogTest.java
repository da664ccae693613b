package gridshop.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fault-schedule checker excuses a missing order or cart only in the partitions the product said it lost; it reads
 * them from the product's own ERROR lines, as ops would. Lines as LostPartitionRecovery and NodeStartup write them.
 */
class LossesInLogTest {

    @Test
    void thePartitionsNamedByTheCountAndByTheReloadAreTheLostOnes() {
        String log = """
            12:16:43.471 ERROR [gridshop-lost-partitions] g.p.LostPartitionRecovery - Partitions lost with both copies [partitions=3, unflushedWritesLost=50, partitionIds=[0, 2, 121]]
            12:16:44.002 WARN  [sys-#30] o.a.i.i.p.c.d.d.t.GridDhtPartitionTopologyImpl - Detected lost partitions [grp=orders, parts=[7, 8]]
            12:17:01.100 ERROR [gridshop-lost-partitions-db] g.p.LostPartitionRecovery - Lost partitions reloaded from PostgreSQL and served again [partitions=2, rowsReloaded=12, lostSinceStart=2, unflushedWritesLostSinceStart=50, partitionIds=[2, 64]]
            """;
        ChaosCluster.Losses losses = ChaosCluster.Losses.in(log);
        assertEquals(Set.of(0, 2, 64, 121), losses.partitions(), "Ignite's own 'Detected lost partitions' (a cut shows it too) is not the product's word");
        assertFalse(losses.unplaced());
    }

    @Test
    void aNodeThatCameBackFromAClusterThatDiedWholeNamesThePartitionsItHeld() {
        ChaosCluster.Losses losses = ChaosCluster.Losses.in("09:12:01.220 ERROR [gridshop-startup] g.l.NodeStartup - Partitions "
            + "lost with both copies [partitions=3, unflushedWritesLost=24, partitionIds=[4, 17, 90], epoch=e1, "
            + "fate=ENDED_WITH_THIS_NODE, notedAt=2026-12-06T21:29:01Z]: this node ended without a clean stop, among the "
            + "last of its cluster");
        assertEquals(Set.of(4, 17, 90), losses.partitions());
        assertFalse(losses.unplaced());
    }

    @Test
    void writesCountedLostWithoutAPartitionExcuseEveryMiss() {
        ChaosCluster.Losses losses = ChaosCluster.Losses.in("ERROR g.lifecycle.NodeStartup - Writes spilled by this node's last "
            + "stop came back after the cluster had loaded without them and changed the same rows: the grid's newer rows "
            + "stay, the spilled changes are counted as lost [rows=3]")
            .and(ChaosCluster.Losses.in("nothing lost here"));
        assertTrue(losses.unplaced());
        assertEquals(Set.of(), losses.partitions());
    }
}
