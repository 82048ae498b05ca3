// title: Funding
// description: Money committed, in pounds, with its purpose, who provides it, what it funds, and where it is stated.
// columns: amount_gbp, purpose, organisations[], funds[], paragraph, locator
MATCH (f:Funding)
WHERE f.amount_gbp IS NOT NULL AND f.locator IS NOT NULL
OPTIONAL MATCH (f)-[:FUNDED_BY]->(provider)
WITH f, collect(DISTINCT provider.label) AS organisations
OPTIONAL MATCH (f)-[:FUNDS]->(funded)
WITH f, organisations, collect(DISTINCT funded.label) AS funds
RETURN f.amount_gbp AS amount_gbp, f.purpose AS purpose, organisations, funds, f.paragraph AS paragraph, f.locator AS locator
ORDER BY paragraph IS NULL DESC, paragraph, locator, amount_gbp DESC, purpose IS NULL DESC, purpose
