// title: Recommendations
// description: Every recommendation with its inquiry, theme, the government's response status and how many commitments answer it; optionally of one inquiry.
// param: inquiry str -- an inquiry's name or abbreviation, e.g. "IICSA" or "Grenfell Tower Inquiry"
// columns: number, notation, title, inquiry, theme, status, commitments
WITH toLower($inquiry) AS wanted
MATCH (r:Recommendation)
WHERE r.title IS NOT NULL
  AND (wanted IS NULL OR EXISTS {
        MATCH (r)-[:MADE_BY]->(named)
        WHERE toLower(named.label) = wanted OR any(alias IN named.aliases WHERE toLower(alias) = wanted)
      })
OPTIONAL MATCH (r)-[:MADE_BY]->(i:Inquiry)
OPTIONAL MATCH (r)-[:HAS_THEME]->(t)
OPTIONAL MATCH (response)-[:RESPONDS_TO]->(r)
WHERE response.status IS NOT NULL
OPTIONAL MATCH (c)-[:ANSWERS]->(r)
WITH r.number AS number, r.notation AS notation, r.title AS title, i.label AS inquiry, t.label AS theme, response.status AS status, count(DISTINCT c) AS commitments
RETURN number, notation, title, inquiry, theme, status, commitments
ORDER BY number IS NULL DESC, number, notation IS NULL DESC, notation, title, inquiry IS NULL DESC, inquiry, theme IS NULL DESC, theme, status IS NULL DESC, status
