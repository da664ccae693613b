package gridshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may write after nodes went missing: never two sides at once, whatever the split. */
class QuorumRuleTest {
    private static final UUID A = new UUID(0, 1);
    private static final UUID B = new UUID(0, 2);
    private static final UUID C = new UUID(0, 3);
    private static final UUID D = new UUID(0, 4);

    @Test
    void anEvenSplitOfFourHasOneWriterTheSideOfTheOldest() {
        QuorumRule rule = new QuorumRule(4, A);
        assertTrue(rule.mayWrite(2, Set.of(A, B)));
        assertFalse(rule.mayWrite(2, Set.of(C, D)), "the other half does not write");
        assertFalse(rule.mayWrite(2, Set.of(B, C)));
    }

    @Test
    void anEvenSplitOfTwoHasOneWriter() {
        QuorumRule rule = new QuorumRule(2, A);
        assertTrue(rule.mayWrite(1, Set.of(A)));
        assertFalse(rule.mayWrite(1, Set.of(B)));
    }

    @Test
    void moreThanHalfWritesLessDoesNot() {
        QuorumRule rule = new QuorumRule(5, A);
        assertTrue(rule.mayWrite(3, Set.of(C, D, new UUID(0, 5))), "a majority writes without the oldest");
        assertFalse(rule.mayWrite(2, Set.of(A, B)), "a minority does not, even with the oldest");
    }

    @Test
    void failuresKeepTheStableTopologyDeparturesAndConfirmationsSetIt() {
        QuorumRule rule = new QuorumRule(3, A);
        rule.joined(2, A); // a join into a cluster still missing a failed node: not larger, kept
        assertEquals(3, rule.stable());
        rule.settled(2, B); // A left on purpose: two nodes, B the oldest now
        assertEquals(2, rule.stable());
        assertTrue(rule.mayWrite(1, Set.of(B)));
        assertFalse(rule.mayWrite(1, Set.of(C)));
        rule.joined(3, B);
        assertEquals(3, rule.stable());
    }

    /** Every way to cut a stable topology of n nodes in two: at most one side writes. */
    @Test
    void noSplitLetsBothSidesWrite() {
        for (int n = 1; n <= 8; n++) {
            List<UUID> nodes = java.util.stream.IntStream.range(0, n).mapToObj(i -> new UUID(1, i)).toList();
            QuorumRule rule = new QuorumRule(n, nodes.get(0));
            for (int mask = 0; mask < (1 << n); mask++) {
                Set<UUID> left = new java.util.HashSet<>();
                Set<UUID> right = new java.util.HashSet<>();
                for (int i = 0; i < n; i++) {
                    ((mask & (1 << i)) != 0 ? left : right).add(nodes.get(i));
                }
                boolean both = rule.mayWrite(left.size(), left) && rule.mayWrite(right.size(), right);
                assertFalse(both, "both sides write: " + left + " | " + right);
            }
        }
    }
}
