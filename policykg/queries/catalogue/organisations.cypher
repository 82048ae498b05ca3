// title: Organisations
// description: Every organisation with its kind, the number of commitments it leads or takes part in, the number of recommendations those answer, and whether it is only planned (announced, not yet made).
// param: kind str -- only this kind, e.g. department, inspectorate, agency, charity, board
// columns: name, kind, commitments, recommendations, planned
MATCH (o:Organisation)
WHERE o.label IS NOT NULL AND ($kind IS NULL OR o.kind = $kind)
OPTIONAL MATCH (c)-[:LED_BY|INVOLVES]->(o)
OPTIONAL MATCH (c)-[:ANSWERS]->(r)
WITH o, count(DISTINCT c) AS commitments, count(DISTINCT r) AS recommendations
RETURN o.label AS name, o.kind AS kind, commitments, recommendations, coalesce(o.planned, false) AS planned
ORDER BY commitments DESC, name, kind IS NULL DESC, kind, recommendations
