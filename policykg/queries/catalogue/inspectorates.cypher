// title: Inspectorates
// description: Each inspectorate and what it is asked to inspect or do: the commitments that involve or are led by it.
// columns: inspectorate, role, commitment, paragraph, locator, deadline
MATCH (body:Organisation)
WHERE body.kind = 'inspectorate' AND body.label IS NOT NULL
OPTIONAL MATCH (c)-[:LED_BY|INVOLVES]->(body)
WHERE c.text IS NOT NULL AND c.locator IS NOT NULL
WITH DISTINCT body, c
// one row per role (a commitment may both be led by and involve the body); one empty row if there is none
UNWIND ['lead', 'involved'] AS role
WITH body, c, role
WHERE (c IS NULL AND role = 'lead')
   OR (role = 'lead' AND EXISTS { MATCH (c)-[:LED_BY]->(body) })
   OR (role = 'involved' AND EXISTS { MATCH (c)-[:INVOLVES]->(body) })
RETURN body.label AS inspectorate, CASE WHEN c IS NULL THEN NULL ELSE role END AS role,
       c.text AS commitment, c.paragraph AS paragraph, c.locator AS locator, c.deadline AS deadline
ORDER BY inspectorate, paragraph IS NULL DESC, paragraph, locator, commitment IS NULL DESC, commitment,
         role IS NULL DESC, role, deadline IS NULL DESC, deadline
