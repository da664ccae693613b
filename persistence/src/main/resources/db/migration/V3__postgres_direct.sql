-- What gridshop.mode=postgres-direct needs to answer the catalog from PostgreSQL itself (the baseline the
-- benchmarks compare the grid with): the words of q as an indexed array, and an index per sort order.
-- The grid mode does not read these.
ALTER TABLE product ADD COLUMN search_words TEXT[]
    GENERATED ALWAYS AS (regexp_split_to_array(lower(name || ' ' || brand || ' ' || description), '[^[:alnum:]]+')) STORED;
CREATE INDEX product_search_words_idx ON product USING GIN (search_words);
CREATE INDEX product_category_name_idx ON product (category, name COLLATE "C", id);
CREATE INDEX product_category_rating_idx ON product (category, rating DESC, id);
CREATE INDEX product_brand_idx ON product (brand);
CREATE INDEX orders_session_idx ON orders (session_id, created_at);
