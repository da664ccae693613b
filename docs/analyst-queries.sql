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
-- The ten products that brought the most revenue.
SELECT product_id, SUM(line_total) AS revenue, SUM(quantity) AS units
FROM ORDER_LINE
GROUP BY product_id
ORDER BY revenue DESC, product_id
LIMIT 10;

-- name: average-order-value
-- Orders placed, their revenue and the average order (rounded to the cent).
SELECT COUNT(*) AS orders, SUM(total) AS revenue, CAST(AVG(total) AS DECIMAL(14, 2)) AS average_order
FROM ORDERS;

-- name: revenue-by-brand
-- Revenue per brand: order lines joined with the products they sold (not colocated: lines live with
-- their order, products by id).
SELECT p.brand, SUM(l.line_total) AS revenue, SUM(l.quantity) AS units
FROM ORDER_LINE l JOIN PRODUCT p ON p.id = l.product_id
GROUP BY p.brand
ORDER BY revenue DESC, p.brand;

-- name: cart-abandonment
-- Carts with items untouched for 30 minutes (a checkout empties its cart, so these did not order), and the
-- value they hold.
SELECT COUNT(*) AS abandoned_carts, SUM(subtotal) AS value_at_risk, SUM(item_count) AS items
FROM CART
WHERE item_count > 0 AND updated_at < CURRENT_TIMESTAMP - INTERVAL '30' MINUTE;

-- name: stock-by-category
-- Products out of stock and with 5 units or fewer, per category (inventory is colocated with its product).
SELECT p.category, COUNT(*) AS products,
       SUM(CASE WHEN i.available = 0 THEN 1 ELSE 0 END) AS out_of_stock,
       SUM(CASE WHEN i.available BETWEEN 1 AND 5 THEN 1 ELSE 0 END) AS low_stock
FROM PRODUCT p JOIN INVENTORY i ON i.product_id = p.id
GROUP BY p.category
ORDER BY p.category;

-- name: conversion-per-day
-- Sessions started per day and how many of them placed an order (live sessions: expired ones are gone).
SELECT /*+ QUERY_ENGINE('h2') */ CAST(s.created_at AS DATE) AS day, COUNT(*) AS sessions, COUNT(o.session_id) AS ordered
FROM SHOPPER_SESSION s LEFT JOIN (SELECT DISTINCT session_id FROM ORDERS) o ON o.session_id = s.session_id
GROUP BY CAST(s.created_at AS DATE)
ORDER BY day;
