// title: Connection
// description: The shortest chains of up to three relationships (either direction, provenance links left out) between two entities named by label, alias or IRI; one row per chain of node names.
// param: from str required -- a name, alias or IRI, e.g. "Home Office"
// param: to str required -- a name, alias or IRI, e.g. "Ofsted"
// columns: hops, path
// the relationships walked (either way): every relation but the provenance links (partOf, mentionedIn, statedIn)
WITH $from AS from_name, toLower($from) AS from_lower, $to AS to_name, toLower($to) AS to_lower
MATCH (a)
WHERE a.label IS NOT NULL
  AND (a.iri = from_name OR toLower(a.label) = from_lower OR any(alias IN a.aliases WHERE toLower(alias) = from_lower))
MATCH (b)
WHERE b.label IS NOT NULL AND a <> b
  AND (b.iri = to_name OR toLower(b.label) = to_lower OR any(alias IN b.aliases WHERE toLower(alias) = to_lower))
MATCH p = (a)-[:ANSWERS|LED_BY|INVOLVES|THROUGH_LEGISLATION|CONCERNS|HAS_FUNDING|FUNDS|FUNDED_BY|PRODUCED_BY|POST_IN|HOLDS_POST|SUB_ORGANISATION_OF|RUN_BY|MADE_BY|PUBLISHED_IN|CHAIRED_BY|RESPONDS_TO|HAS_THEME*1..3]-(b)
WITH min(length(p)) AS least, from_name, from_lower, to_name, to_lower
// the chains of that length, spelt out (faster than nodes(p) in LadybugDB); chains of the least length
// repeat no node, whatever the engine's path semantics
MATCH (a)
WHERE a.label IS NOT NULL
  AND (a.iri = from_name OR toLower(a.label) = from_lower OR any(alias IN a.aliases WHERE toLower(alias) = from_lower))
MATCH (b)
WHERE b.label IS NOT NULL AND a <> b
  AND (b.iri = to_name OR toLower(b.label) = to_lower OR any(alias IN b.aliases WHERE toLower(alias) = to_lower))
OPTIONAL MATCH (a)-[:ANSWERS|LED_BY|INVOLVES|THROUGH_LEGISLATION|CONCERNS|HAS_FUNDING|FUNDS|FUNDED_BY|PRODUCED_BY|POST_IN|HOLDS_POST|SUB_ORGANISATION_OF|RUN_BY|MADE_BY|PUBLISHED_IN|CHAIRED_BY|RESPONDS_TO|HAS_THEME]-(b)
WHERE least = 1
OPTIONAL MATCH (a)-[:ANSWERS|LED_BY|INVOLVES|THROUGH_LEGISLATION|CONCERNS|HAS_FUNDING|FUNDS|FUNDED_BY|PRODUCED_BY|POST_IN|HOLDS_POST|SUB_ORGANISATION_OF|RUN_BY|MADE_BY|PUBLISHED_IN|CHAIRED_BY|RESPONDS_TO|HAS_THEME]-(x1)-[:ANSWERS|LED_BY|INVOLVES|THROUGH_LEGISLATION|CONCERNS|HAS_FUNDING|FUNDS|FUNDED_BY|PRODUCED_BY|POST_IN|HOLDS_POST|SUB_ORGANISATION_OF|RUN_BY|MADE_BY|PUBLISHED_IN|CHAIRED_BY|RESPONDS_TO|HAS_THEME]-(b)
WHERE least = 2
OPTIONAL MATCH (a)-[:ANSWERS|LED_BY|INVOLVES|THROUGH_LEGISLATION|CONCERNS|HAS_FUNDING|FUNDS|FUNDED_BY|PRODUCED_BY|POST_IN|HOLDS_POST|SUB_ORGANISATION_OF|RUN_BY|MADE_BY|PUBLISHED_IN|CHAIRED_BY|RESPONDS_TO|HAS_THEME]-(y1)-[:ANSWERS|LED_BY|INVOLVES|THROUGH_LEGISLATION|CONCERNS|HAS_FUNDING|FUNDS|FUNDED_BY|PRODUCED_BY|POST_IN|HOLDS_POST|SUB_ORGANISATION_OF|RUN_BY|MADE_BY|PUBLISHED_IN|CHAIRED_BY|RESPONDS_TO|HAS_THEME]-(y2)-[:ANSWERS|LED_BY|INVOLVES|THROUGH_LEGISLATION|CONCERNS|HAS_FUNDING|FUNDS|FUNDED_BY|PRODUCED_BY|POST_IN|HOLDS_POST|SUB_ORGANISATION_OF|RUN_BY|MADE_BY|PUBLISHED_IN|CHAIRED_BY|RESPONDS_TO|HAS_THEME]-(b)
WHERE least = 3
WITH least,
     CASE least
       WHEN 1 THEN a.label + ' — ' + b.label
       WHEN 2 THEN a.label + ' — ' + x1.label + ' — ' + b.label
       ELSE a.label + ' — ' + y1.label + ' — ' + y2.label + ' — ' + b.label
     END AS path
WHERE path IS NOT NULL
RETURN DISTINCT least AS hops, path
ORDER BY path
