// title: One organisation
// description: An organisation (by canonical name or alias): each commitment it leads or takes part in, with its role, legislation and programmes.
// param: name str required -- canonical name or alias, e.g. "Ofsted" or "Department for Education"
// columns: organisation, role, commitment, paragraph, locator, deadline, legislation[], programmes[], recommendations[]
WITH toLower($name) AS wanted
MATCH (body)
WHERE body.label IS NOT NULL
  AND (toLower(body.label) = wanted OR any(alias IN body.aliases WHERE toLower(alias) = wanted))
MATCH (c)-[:LED_BY|INVOLVES]->(body)
WHERE c.text IS NOT NULL AND c.locator IS NOT NULL
WITH DISTINCT body, c
// one row per role: a commitment may both be led by and involve the body
UNWIND ['lead', 'involved'] AS role
WITH body, c, role
WHERE (role = 'lead' AND EXISTS { MATCH (c)-[:LED_BY]->(body) })
   OR (role = 'involved' AND EXISTS { MATCH (c)-[:INVOLVES]->(body) })
OPTIONAL MATCH (c)-[:THROUGH_LEGISLATION]->(legislation)
WITH body, c, role, collect(DISTINCT legislation.label) AS legislation
OPTIONAL MATCH (c)-[:CONCERNS]->(programme:Programme)
WITH body, c, role, legislation, collect(DISTINCT programme.label) AS programmes
OPTIONAL MATCH (c)-[:ANSWERS]->(r)
WITH body, c, role, legislation, programmes, collect(DISTINCT toString(r.number)) AS recommendations
RETURN body.label AS organisation, role, c.text AS commitment, c.paragraph AS paragraph, c.locator AS locator, c.deadline AS deadline,
       legislation, programmes, recommendations
ORDER BY organisation, paragraph IS NULL DESC, paragraph, locator, commitment, role, deadline IS NULL DESC, deadline
