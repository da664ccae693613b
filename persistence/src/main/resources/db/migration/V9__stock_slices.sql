-- Escrow (gridshop.stock.escrow): units of a product's stock lent to lanes, so that a checkout sells from a slice held
-- by the node it runs on. inventory.leased counts every unit the slices hold (their balances and their sales not yet
-- counted into the row); inventory.lanes has a bit per lane lent to. available - leased is what the row itself holds.
ALTER TABLE inventory
    ADD COLUMN leased INTEGER NOT NULL DEFAULT 0 CHECK (leased >= 0),
    ADD COLUMN lanes  BIGINT  NOT NULL DEFAULT 0;

CREATE TABLE stock_slice (
    product_id        BIGINT         NOT NULL,
    lane              INTEGER        NOT NULL CHECK (lane >= 0 AND lane < 64),
    balance           INTEGER        NOT NULL CHECK (balance >= 0),
    unsettled_units   BIGINT         NOT NULL CHECK (unsettled_units >= 0),
    unsettled_revenue NUMERIC(20, 2) NOT NULL CHECK (unsettled_revenue >= 0),
    version           BIGINT         NOT NULL,
    updated_at        TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (product_id, lane)
);
