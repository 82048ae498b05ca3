// title: Timeline
// description: Every dated commitment in deadline order, with who is involved and what it answers.
// columns: deadline_end, deadline_start, deadline, deadline_text, commitment, kind, paragraph, locator, organisations[], recommendations[]
MATCH (c:Commitment)
WHERE c.text IS NOT NULL AND c.locator IS NOT NULL AND c.deadline IS NOT NULL
  AND c.deadline_text IS NOT NULL AND c.deadline_end IS NOT NULL
OPTIONAL MATCH (c)-[:LED_BY|INVOLVES]->(body:Organisation|Post)
WITH c, collect(DISTINCT body.label) AS organisations
OPTIONAL MATCH (c)-[:ANSWERS]->(r)
WITH c, organisations, collect(DISTINCT toString(r.number)) AS recommendations
RETURN c.deadline_end AS deadline_end, c.deadline_start AS deadline_start, c.deadline AS deadline,
       c.deadline_text AS deadline_text, c.text AS commitment, c.kind AS kind, c.paragraph AS paragraph, c.locator AS locator, organisations, recommendations
ORDER BY deadline_end, paragraph IS NULL DESC, paragraph, locator, commitment, deadline, deadline_text
