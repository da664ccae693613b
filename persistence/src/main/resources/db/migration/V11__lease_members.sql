-- Who was in the holding cluster: every renewal writes the owners of the spill directories of the cluster's nodes
-- (each node's name for its spill folder, file owner.id). A cluster that ends without releasing the lease (its last
-- nodes stopped while PostgreSQL was down, or were killed) may have left writes in those folders that PostgreSQL
-- lacks. The next cluster, when it takes such a lease, copies the members into awaiting and does not load from
-- PostgreSQL until each of them has joined it and put its spill into PostgreSQL (or gridshop.startup.spill-wait ran
-- out: then it loads without and counts it). A released lease awaits no one.
ALTER TABLE cluster_lease ADD COLUMN members text NOT NULL DEFAULT '';
ALTER TABLE cluster_lease ADD COLUMN awaiting text NOT NULL DEFAULT '';
