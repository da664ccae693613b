-- What partition losses (both copies of a partition gone at once) cost since this database's cluster first started:
-- kept here so that the count survives a full restart of the grid, whose own copy (the meta cache) lives in memory.
CREATE TABLE partition_loss (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    partitions    bigint      NOT NULL,
    writes_lost   bigint      NOT NULL,
    rows_reloaded bigint      NOT NULL,
    last_at       timestamptz NOT NULL
);
