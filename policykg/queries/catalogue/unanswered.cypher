// title: Unanswered
// description: Recommendations no commitment answers, and commitments that answer no recommendation.
// columns: kind, number, text, paragraph, locator
// the two halves of a union, as one query so that ORDER BY covers both
UNWIND ['recommendation', 'commitment'] AS kind
OPTIONAL MATCH (r:Recommendation)
WHERE kind = 'recommendation' AND r.number IS NOT NULL AND r.title IS NOT NULL
  AND NOT EXISTS { MATCH (answer)-[:ANSWERS]->(r) }
OPTIONAL MATCH (c:Commitment)
WHERE kind = 'commitment' AND c.text IS NOT NULL AND c.locator IS NOT NULL
  AND NOT EXISTS { MATCH (c)-[:ANSWERS]->(answered) }
WITH kind, r, c
WHERE r IS NOT NULL OR c IS NOT NULL
RETURN kind, r.number AS number, CASE kind WHEN 'recommendation' THEN r.title ELSE c.text END AS text, c.paragraph AS paragraph, c.locator AS locator
ORDER BY kind DESC, number IS NULL DESC, number, paragraph IS NULL DESC, paragraph, locator, text
