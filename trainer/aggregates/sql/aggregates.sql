-- The trainer's aggregate inputs (trainer/aggregates/contract.ts) computed where the rows live:
-- the cleaning rules of trainer/clean.ts and the stock-code rule of lib/stock-code.ts in SQL, then
-- the five relations and one row of cleaning counts. The only parameter is {{transactions}}: a
-- relation with the columns
--   invoice, stock_code, description, quantity, invoice_date, unit_price, customer_id, country
-- (typed: numeric quantity and unit_price, a timestamp invoice_date read as UTC wall-clock time,
-- customer_id of any type). trainer/aggregates/sql/read.ts passes a SELECT that renames a table's
-- columns as the trainer's --columns mapping says; elsewhere a view with these names does.
--
-- Statements are separated by `-- @statement NAME` lines and run in order in one session. The
-- first materialises every source row once, normalised and classified, so the source is scanned
-- once; the others only group it. Nothing is ordered here: the reader numbers customers, products
-- and countries in code-unit order itself, so an engine's collation cannot change the result.
-- Written in portable SQL (CAST, TRIM, POSITION … IN, SUBSTRING … FROM … FOR, CASE, COUNT(DISTINCT));
-- README "Read the data where it lives" lists what other engines spell differently.

-- @statement rows
CREATE TEMPORARY TABLE shopper_rows AS
WITH typed AS (
  SELECT
    TRIM(CAST(invoice AS VARCHAR)) AS invoice,
    -- lib/stock-code.ts: trimmed, upper case
    UPPER(TRIM(CAST(stock_code AS VARCHAR))) AS stock_code,
    TRIM(CAST(description AS VARCHAR)) AS description,
    quantity,
    unit_price,
    -- trainer/read/parse-date.ts: epoch milliseconds of the UTC wall-clock time
    CAST(FLOOR(EXTRACT(EPOCH FROM invoice_date) * 1000) AS BIGINT) AS invoice_at,
    TRIM(CAST(customer_id AS VARCHAR)) AS customer_text,
    COALESCE(TRIM(CAST(country AS VARCHAR)), '') AS country
  FROM {{transactions}}
),
normalised AS (
  SELECT
    invoice, stock_code, description, quantity, unit_price, invoice_at, country,
    -- trainer/read/parse-row.ts normaliseCustomerId: 17850.0 (a numeric export of an id) is 17850
    CASE
      WHEN POSITION('.' IN customer_text) > 0
        AND TRIM(TRAILING '0' FROM SUBSTRING(customer_text FROM POSITION('.' IN customer_text) + 1)) = ''
      THEN SUBSTRING(customer_text FROM 1 FOR POSITION('.' IN customer_text) - 1)
      ELSE customer_text
    END AS customer_id
  FROM typed
)
SELECT
  invoice, stock_code, description, quantity, invoice_at, customer_id, country,
  -- a malformed row first (what the CSV reader cannot parse: no invoice or stock code, no
  -- quantity, price or date), then trainer/clean.ts's rules in its order, each row counted under
  -- the first it fails
  CASE
    WHEN invoice IS NULL OR invoice = '' OR stock_code IS NULL OR stock_code = ''
      OR quantity IS NULL OR unit_price IS NULL OR invoice_at IS NULL THEN 'malformed'
    WHEN customer_id IS NULL OR customer_id = '' THEN 'missingCustomer'
    WHEN UPPER(SUBSTRING(invoice FROM 1 FOR 1)) = 'C' THEN 'cancelled'
    WHEN NOT (quantity > 0) THEN 'nonPositiveQuantity'
    WHEN NOT (unit_price > 0) THEN 'nonPositivePrice'
    ELSE 'kept'
  END AS rule,
  -- contract.ts lineAmountMicros: exact integers, so sums do not depend on the order
  quantity * CAST(ROUND(unit_price * 1000000) AS BIGINT) AS amount_micros
FROM normalised;

-- @statement cleaning
SELECT
  COUNT(*) AS rows_read,
  SUM(CASE WHEN rule = 'malformed' THEN 1 ELSE 0 END) AS malformed,
  SUM(CASE WHEN rule = 'missingCustomer' THEN 1 ELSE 0 END) AS missing_customer,
  SUM(CASE WHEN rule = 'cancelled' THEN 1 ELSE 0 END) AS cancelled,
  SUM(CASE WHEN rule = 'nonPositiveQuantity' THEN 1 ELSE 0 END) AS non_positive_quantity,
  SUM(CASE WHEN rule = 'nonPositivePrice' THEN 1 ELSE 0 END) AS non_positive_price,
  SUM(CASE WHEN rule = 'kept' THEN 1 ELSE 0 END) AS rows_kept,
  COUNT(DISTINCT CASE WHEN rule = 'kept' THEN invoice END) AS invoices,
  MIN(CASE WHEN rule = 'kept' THEN invoice_at END) AS first_at,
  MAX(CASE WHEN rule = 'kept' THEN invoice_at END) AS last_at
FROM shopper_rows;

-- @statement customers
SELECT customer_id, COUNT(DISTINCT invoice) AS invoices, SUM(amount_micros) AS monetary_micros,
  MIN(invoice_at) AS first_at, MAX(invoice_at) AS last_at
FROM shopper_rows
WHERE rule = 'kept'
GROUP BY customer_id;

-- @statement customer_days
SELECT customer_id, CAST(FLOOR(invoice_at / 86400000.0) AS BIGINT) AS day, SUM(amount_micros) AS value_micros
FROM shopper_rows
WHERE rule = 'kept'
GROUP BY customer_id, CAST(FLOOR(invoice_at / 86400000.0) AS BIGINT);

-- @statement pairs
SELECT customer_id, stock_code, SUM(quantity) AS quantity, COUNT(*) AS lines,
  MIN(invoice_at) AS first_at, MAX(invoice_at) AS last_at
FROM shopper_rows
WHERE rule = 'kept'
GROUP BY customer_id, stock_code;

-- @statement descriptions
SELECT stock_code, description, COUNT(*) AS lines
FROM shopper_rows
WHERE rule = 'kept' AND description IS NOT NULL AND description <> ''
GROUP BY stock_code, description;

-- @statement countries
SELECT country, COUNT(*) AS lines, COUNT(DISTINCT invoice) AS invoices,
  COUNT(DISTINCT customer_id) AS customers, SUM(amount_micros) AS revenue_micros
FROM shopper_rows
WHERE rule = 'kept'
GROUP BY country;

-- @statement done
DROP TABLE shopper_rows;
