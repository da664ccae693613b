-- The durable copy of the grid. Each row carries the grid's version counter: a flush only overwrites a row
-- with a newer version, so a late flush from a node that lost primaryship cannot undo a newer write.

CREATE TABLE product (
    id          BIGINT PRIMARY KEY,
    sku         TEXT           NOT NULL,
    name        TEXT           NOT NULL,
    description TEXT           NOT NULL,
    category    TEXT           NOT NULL,
    brand       TEXT           NOT NULL,
    price       NUMERIC(12, 2) NOT NULL CHECK (price > 0),
    rating      DOUBLE PRECISION NOT NULL,
    version     BIGINT         NOT NULL,
    updated_at  TIMESTAMPTZ    NOT NULL
);
CREATE INDEX product_category_price_idx ON product (category, price);

CREATE TABLE inventory (
    product_id BIGINT PRIMARY KEY,
    available  INTEGER     NOT NULL CHECK (available >= 0),
    version    BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE shopper_session (
    session_id  TEXT PRIMARY KEY,
    customer_id TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    version     BIGINT      NOT NULL
);

-- A cart's lines as parallel arrays: one row per cart, so one idempotent upsert writes a whole cart.
CREATE TABLE cart (
    session_id  TEXT PRIMARY KEY,
    product_ids BIGINT[]         NOT NULL,
    names       TEXT[]           NOT NULL,
    unit_prices NUMERIC(12, 2)[] NOT NULL,
    quantities  INTEGER[]        NOT NULL,
    item_count  INTEGER          NOT NULL,
    subtotal    NUMERIC(12, 2)   NOT NULL,
    version     BIGINT           NOT NULL,
    updated_at  TIMESTAMPTZ      NOT NULL
);
