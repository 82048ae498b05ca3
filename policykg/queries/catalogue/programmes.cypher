// title: Programmes
// description: Programmes, schemes, campaigns, surveys, funds and missions, the organisations working on them, and the money committed to them.
// columns: name, kind, organisations[], funding_gbp
MATCH (p:Programme)
WHERE p.label IS NOT NULL
OPTIONAL MATCH (p)<-[:CONCERNS]-(c)-[:LED_BY|INVOLVES]->(b1:Organisation|Post)
WITH p, collect(DISTINCT b1.label) AS through_commitments
OPTIONAL MATCH (p)-[:RUN_BY]->(b2:Organisation|Post)
WITH p, through_commitments, collect(DISTINCT b2.label) AS runners
OPTIONAL MATCH (f)-[:FUNDS]->(p)
WHERE f.amount_gbp IS NOT NULL
WITH p, through_commitments + runners AS organisations, count(f) AS fundings, sum(f.amount_gbp) AS total
RETURN p.label AS name, p.kind AS kind, organisations, CASE WHEN fundings = 0 THEN NULL ELSE total END AS funding_gbp
ORDER BY name, kind IS NULL DESC, kind
