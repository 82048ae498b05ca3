// title: Recommendations
// description: Every recommendation with its theme, the government's response status and how many commitments answer it.
// columns: number, title, theme, status, commitments
MATCH (r:Recommendation)
WHERE r.number IS NOT NULL AND r.title IS NOT NULL
OPTIONAL MATCH (r)-[:HAS_THEME]->(t)
OPTIONAL MATCH (response)-[:RESPONDS_TO]->(r)
WHERE response.status IS NOT NULL
OPTIONAL MATCH (c)-[:ANSWERS]->(r)
WITH r.number AS number, r.title AS title, t.label AS theme, response.status AS status, count(DISTINCT c) AS commitments
RETURN number, title, theme, status, commitments
ORDER BY number, title, theme IS NULL DESC, theme, status IS NULL DESC, status
