-- One grid cluster per database: the running cluster's oldest node counts renewals here every second. A node that
-- finds itself alone at start, with a grid to load, first watches the count: if it moves, another cluster runs on this
-- database (one this node cannot reach: a network cut, a wrong discovery address), and loading a second grid from the
-- same rows would let both sell the same stock. It takes the lease only by moving the count itself from the value it
-- watched (compare and set), so two lone starters cannot both take it. Every node of the holding cluster renews it
-- under the cluster's epoch (made when it took the lease), and each write-behind flush checks that epoch inside its
-- transaction: a cluster whose lease another took (it was cut off from PostgreSQL meanwhile) writes nothing more here.
-- A lease released by a graceful stop of the whole cluster is taken at once (a part of that cluster still running
-- behind a cut would renew it, un-releasing it, and a take fences it anyway).
CREATE TABLE cluster_lease (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    epoch      text        NOT NULL,
    renewals   bigint      NOT NULL,
    holder     text        NOT NULL,
    renewed_at timestamptz NOT NULL,
    -- set by the last node of the holding cluster once a graceful stop flushed everything: the next start need not wait
    released   boolean     NOT NULL DEFAULT false
);
