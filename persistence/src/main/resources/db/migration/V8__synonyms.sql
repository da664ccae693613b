-- The shop's synonym groups (PUT /api/admin/synonyms), written behind the grid's cache `synonym` like any other
-- merchant data and loaded back into it at start-up. One row: the whole set is replaced at once, versioned like a
-- product. `groups` holds a group per line, its words (lower case letters and digits) separated by a space.
CREATE TABLE synonym_set (
    id         TEXT        PRIMARY KEY,
    groups     TEXT        NOT NULL,
    version    BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
