// title: Organisations
// description: Every organisation with its kind, the number of commitments it leads or takes part in, and the number of recommendations those answer.
// param: kind str -- only this kind, e.g. department, inspectorate, agency, charity, board
// columns: name, kind, commitments, recommendations
MATCH (o:Organisation)
WHERE o.label IS NOT NULL AND ($kind IS NULL OR o.kind = $kind)
OPTIONAL MATCH (c)-[:LED_BY|INVOLVES]->(o)
OPTIONAL MATCH (c)-[:ANSWERS]->(r)
WITH o, count(DISTINCT c) AS commitments, count(DISTINCT r) AS recommendations
RETURN o.label AS name, o.kind AS kind, commitments, recommendations
ORDER BY commitments DESC, name, kind IS NULL DESC, kind, recommendations
