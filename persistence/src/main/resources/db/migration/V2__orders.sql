CREATE TABLE orders (
    order_id        TEXT PRIMARY KEY,
    session_id      TEXT           NOT NULL,
    status          TEXT           NOT NULL,
    total           NUMERIC(14, 2) NOT NULL,
    item_count      INTEGER        NOT NULL,
    idempotency_key TEXT           NOT NULL,
    created_at      TIMESTAMPTZ    NOT NULL,
    version         BIGINT         NOT NULL,
    UNIQUE (session_id, idempotency_key)
);
CREATE INDEX orders_created_at_idx ON orders (created_at);

CREATE TABLE order_line (
    order_id   TEXT           NOT NULL,
    line_no    INTEGER        NOT NULL,
    product_id BIGINT         NOT NULL,
    name       TEXT           NOT NULL,
    category   TEXT           NOT NULL,
    quantity   INTEGER        NOT NULL,
    unit_price NUMERIC(12, 2) NOT NULL,
    line_total NUMERIC(14, 2) NOT NULL,
    created_at TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_line_created_at_idx ON order_line (created_at);
