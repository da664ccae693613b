-- Each order line keeps the brand of what it sold, as it was at checkout, as it already keeps the product's
-- name, category and price: revenue by brand is then counted from the lines alone, and a product whose brand
-- a merchant changes later leaves its past sales with the brand they were made under. Lines placed before
-- this migration take their product's brand as it is now.
ALTER TABLE order_line ADD COLUMN brand TEXT;

UPDATE order_line l SET brand = p.brand FROM product p WHERE p.id = l.product_id;

ALTER TABLE order_line ALTER COLUMN brand SET NOT NULL;
