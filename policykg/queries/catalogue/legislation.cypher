// title: Legislation
// description: Bills, acts, regulations, statutory guidance and codes, with the recommendations answered through them and the number of commitments.
// columns: name, kind, recommendations[], commitments
MATCH (l:Legislation)
WHERE l.label IS NOT NULL
OPTIONAL MATCH (c)-[:THROUGH_LEGISLATION]->(l)
OPTIONAL MATCH (c)-[:ANSWERS]->(r)
WITH l, count(DISTINCT c) AS commitments, collect(DISTINCT toString(r.number)) AS recommendations
RETURN l.label AS name, l.kind AS kind, recommendations, commitments
ORDER BY commitments DESC, name, kind IS NULL DESC, kind
