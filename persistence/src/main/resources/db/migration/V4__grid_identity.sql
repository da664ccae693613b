-- The identity of the grid that writes behind into this database, made once, on the first start against it.
-- A node presents it when it joins; a cluster refuses a node that carries another database's identity, so no
-- node can flush other nodes' writes into a database of its own.
CREATE TABLE grid_identity (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    cluster_id uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO grid_identity (cluster_id) VALUES (gen_random_uuid());
