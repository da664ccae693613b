-- gridshop analyst queries: each runs as it stands on the grid (scripts/sql, JDBC thin driver) and on
-- PostgreSQL, and both give the same rows (AnalystQueriesTest checks it; scripts/bench/run times both).
-- Days are UTC days (nodes run with -Duser.timezone=UTC; on PostgreSQL: SET TIME ZONE 'UTC').
-- Each query starts with "-- name: <name>" and ends with ";".
-- The grid runs a query on Calcite unless it carries the hint /*+ QUERY_ENGINE('h2') */ (a comment to
-- PostgreSQL): each is on the engine that was faster for it on a million order lines (docs/benchmarks.md).

-- name: revenue-by-category-per-day
-- Revenue, order lines and units per category and day.
SELECT /*+ QUERY_ENGINE('h2') */ category, CAST(created_at AS DATE) AS day, SUM(line_total) AS revenue, COUNT(*) AS order_lines,
       SUM(quantity) AS units
FROM ORDER_LINE
GROUP BY category, CAST(created_at AS DATE)
ORDER BY day, category;

-- name: top-products
-- The ten products that brought the most revenue. Checkout keeps each product's sales on its INVENTORY row
-- (units_sold and revenue: the sums of its order lines, in the transaction that takes the units), so this reads
-- the first rows of an index instead of grouping every order line by product.
SELECT /*+ QUERY_ENGINE('h2') */ product_id, revenue, units_sold AS units
FROM INVENTORY
WHERE units_sold > 0
ORDER BY revenue DESC, product_id
LIMIT 10;

-- name: average-order-value
-- Orders placed, their revenue and the average order (rounded to the cent).
SELECT COUNT(*) AS orders, SUM(total) AS revenue, CAST(AVG(total) AS DECIMAL(14, 2)) AS average_order
FROM ORDERS;

-- name: revenue-by-brand
-- Revenue and units per brand. Each order line keeps the brand of what it sold as it was at checkout (as it
-- keeps the name, category and price), so a brand's revenue is what was sold under that brand, and the lines
-- are counted alone: no join of a million lines with a million products (2 s on the grid, 1.1 s on PostgreSQL).
SELECT /*+ QUERY_ENGINE('h2') */ brand, SUM(line_total) AS revenue, SUM(quantity) AS units
FROM ORDER_LINE
GROUP BY brand
ORDER BY revenue DESC, brand;

-- name: cart-abandonment
-- Carts with items untouched for 30 minutes (a checkout empties its cart, so these did not order), and the
-- value they hold.
SELECT COUNT(*) AS abandoned_carts, SUM(subtotal) AS value_at_risk, SUM(item_count) AS items
FROM CART
WHERE item_count > 0 AND updated_at < CURRENT_TIMESTAMP - INTERVAL '30' MINUTE;

-- name: stock-by-category
-- Products out of stock and with 5 units or fewer, per category (inventory is colocated with its product). The
-- products per category are counted alone; only the few rows with 5 units or fewer (an index range) are joined.
SELECT /*+ QUERY_ENGINE('h2') */ c.category, c.products, COALESCE(s.out_of_stock, 0) AS out_of_stock,
       COALESCE(s.low_stock, 0) AS low_stock
FROM (SELECT category, COUNT(*) AS products FROM PRODUCT GROUP BY category) c
LEFT JOIN (SELECT p.category, SUM(CASE WHEN i.available = 0 THEN 1 ELSE 0 END) AS out_of_stock,
                  SUM(CASE WHEN i.available BETWEEN 1 AND 5 THEN 1 ELSE 0 END) AS low_stock
           FROM INVENTORY i JOIN PRODUCT p ON p.id = i.product_id
           WHERE i.available <= 5
           GROUP BY p.category) s ON s.category = c.category
ORDER BY c.category;

-- name: conversion-per-day
-- Sessions started per day and how many of them placed an order (live sessions: expired ones are gone).
SELECT CAST(s.created_at AS DATE) AS day, COUNT(*) AS sessions, COUNT(o.session_id) AS ordered
FROM SHOPPER_SESSION s LEFT JOIN (SELECT DISTINCT session_id FROM ORDERS) o ON o.session_id = s.session_id
GROUP BY CAST(s.created_at AS DATE)
ORDER BY day;
