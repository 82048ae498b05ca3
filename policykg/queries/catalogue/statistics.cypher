// title: Statistics
// description: Numeric claims the documents cite, with their unit, what they measure, the body that produced them, and where they are stated.
// columns: value, unit, measure, claim, source, paragraph, locator
MATCH (s:Statistic)
WHERE s.value IS NOT NULL AND s.unit IS NOT NULL AND s.claim IS NOT NULL AND s.locator IS NOT NULL
OPTIONAL MATCH (s)-[:PRODUCED_BY]->(producer)
RETURN s.value AS value, s.unit AS unit, s.measure AS measure, s.claim AS claim, producer.label AS source, s.paragraph AS paragraph, s.locator AS locator
ORDER BY paragraph IS NULL DESC, paragraph, locator, value, measure IS NULL DESC, measure, claim, source IS NULL DESC, source, unit
