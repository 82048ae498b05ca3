// title: Organisations named together
// description: Pairs of organisations named in the same commitments (as lead or involved), with how many commitments they share.
// param: min int = 2 -- the least number of shared commitments to list a pair
// columns: organisation_a, organisation_b, commitments
MATCH (c:Commitment)-[:LED_BY|INVOLVES]->(a:Organisation)
MATCH (c)-[:LED_BY|INVOLVES]->(b:Organisation)
WHERE a.label < b.label
WITH a.label AS organisation_a, b.label AS organisation_b, count(DISTINCT c) AS commitments
WHERE commitments >= $min
RETURN organisation_a, organisation_b, commitments
ORDER BY commitments DESC, organisation_a, organisation_b
