// title: Funding
// description: Money committed, with its purpose, who provides it, what it funds, and where it is stated: amount_gbp in pounds; amount and currency as stated (other currencies are never converted, so their amount_gbp is empty).
// columns: amount_gbp, purpose, organisations[], funds[], paragraph, locator, amount, currency
MATCH (f:Funding)
WHERE (f.amount_gbp IS NOT NULL OR (f.amount IS NOT NULL AND f.currency IS NOT NULL)) AND f.locator IS NOT NULL
OPTIONAL MATCH (f)-[:FUNDED_BY]->(provider)
WITH f, collect(DISTINCT provider.label) AS organisations
OPTIONAL MATCH (f)-[:FUNDS]->(funded)
WITH f, organisations, collect(DISTINCT funded.label) AS funds
RETURN f.amount_gbp AS amount_gbp, f.purpose AS purpose, organisations, funds, f.paragraph AS paragraph, f.locator AS locator,
       coalesce(f.amount, f.amount_gbp) AS amount, coalesce(f.currency, 'GBP') AS currency
ORDER BY paragraph IS NULL DESC, paragraph, locator, amount_gbp IS NULL, amount_gbp DESC, amount DESC, currency, purpose IS NULL DESC, purpose
