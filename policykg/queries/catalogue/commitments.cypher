// title: Commitments
// description: Every commitment, optionally only those of one organisation (name or alias) or answering one recommendation.
// param: organisation str -- canonical name or alias, e.g. "Home Office" or "DfE"
// param: recommendation int -- a recommendation number, e.g. 13
// columns: commitment, kind, paragraph, locator, deadline, deadline_text, organisations[], recommendations[]
WITH toLower($organisation) AS wanted
MATCH (c:Commitment)
WHERE c.text IS NOT NULL AND c.locator IS NOT NULL
  AND (wanted IS NULL OR EXISTS {
        MATCH (c)-[:LED_BY|INVOLVES]->(named)
        WHERE toLower(named.label) = wanted OR any(alias IN named.aliases WHERE toLower(alias) = wanted)
      })
  AND ($recommendation IS NULL OR EXISTS {
        MATCH (c)-[:ANSWERS]->(answered)
        WHERE answered.number = $recommendation
      })
OPTIONAL MATCH (c)-[:LED_BY|INVOLVES]->(body:Organisation|Post)
WITH c, collect(DISTINCT body.label) AS organisations
OPTIONAL MATCH (c)-[:ANSWERS]->(r)
WITH c, organisations, collect(DISTINCT toString(r.number)) AS recommendations
RETURN c.text AS commitment, c.kind AS kind, c.paragraph AS paragraph, c.locator AS locator,
       CASE WHEN c.deadline_text IS NULL THEN NULL ELSE c.deadline END AS deadline,
       CASE WHEN c.deadline IS NULL THEN NULL ELSE c.deadline_text END AS deadline_text,
       organisations, recommendations
ORDER BY paragraph IS NULL DESC, paragraph, locator, commitment, deadline IS NULL DESC, deadline
