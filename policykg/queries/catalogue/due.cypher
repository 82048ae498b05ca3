// title: Due and overdue commitments
// description: Commitments whose deadline falls on or before AS_OF (or within WITHIN_DAYS after it), with days past the deadline (negative: days left), and what the latest later document published by AS_OF says about each (as follow-through: delivered, re-dated, dropped, in progress; silent for a commitment past due that none mentions).
// param: as_of date = today -- the date to count from (YYYY-MM-DD)
// param: within_days int -- also include deadlines up to this many days after AS_OF
// columns: commitment, paragraph, locator, deadline, deadline_text, deadline_end, days_past, organisations[], outcome, latest_evidence, latest_date, latest_document, latest_locator
WITH $as_of AS as_of, $within_days AS within_days
MATCH (c:Commitment)
WHERE c.text IS NOT NULL AND c.locator IS NOT NULL AND c.deadline IS NOT NULL
  AND c.deadline_text IS NOT NULL AND c.deadline_end IS NOT NULL
// days since 0000-03-01 of both dates (civil calendar; the same arithmetic as due.rq)
WITH c, within_days, as_of,
     toInteger(left(toString(as_of), 4)) AS ay, toInteger(left(right(toString(as_of), 5), 2)) AS am,
     toInteger(right(toString(as_of), 2)) AS ad,
     toInteger(left(toString(c.deadline_end), 4)) AS ey, toInteger(left(right(toString(c.deadline_end), 5), 2)) AS em,
     toInteger(right(toString(c.deadline_end), 2)) AS ed
WITH c, within_days, as_of,
     ay - CASE WHEN am <= 2 THEN 1 ELSE 0 END AS ay, (am + 9) % 12 AS am, ad,
     ey - CASE WHEN em <= 2 THEN 1 ELSE 0 END AS ey, (em + 9) % 12 AS em, ed
WITH c, within_days, as_of,
     (365 * ay + ay / 4 - ay / 100 + ay / 400 + (153 * am + 2) / 5 + ad)
     - (365 * ey + ey / 4 - ey / 100 + ey / 400 + (153 * em + 2) / 5 + ed) AS days_past
WHERE days_past >= -coalesce(within_days, 0)
OPTIONAL MATCH (c)-[:LED_BY|INVOLVES]->(body:Organisation|Post)
WITH c, days_past, as_of, collect(DISTINCT body.label) AS organisations
// the latest follow-up in a document published by AS_OF (the same choice as follow-through.cypher), in one grouped pass
// rather than a NOT EXISTS per row (as due.rq): the greatest "DATE DOCUMENT-IRI" and "DATE DOCUMENT-IRI LATER-IRI" keys
// (ISO dates sort as text, an IRI holds no space: the second key starts with the first, and what follows it is the
// later statement's IRI)
OPTIONAL MATCH (c)-[f:FOLLOWED_UP_BY]->(later:Commitment)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(ld:Document)
WHERE later.text IS NOT NULL AND later.locator IS NOT NULL AND f.outcome IS NOT NULL AND ld.title IS NOT NULL
  AND ld.published IS NOT NULL AND ld.published <= as_of
WITH c, days_past, organisations, max(toString(ld.published) + ' ' + ld.iri) AS latestDoc,
     max(toString(ld.published) + ' ' + ld.iri + ' ' + later.iri) AS latestKey
WITH c, days_past, organisations,
     CASE WHEN latestDoc IS NOT NULL THEN right(latestDoc, size(latestDoc) - 11) END AS latestDocIri,
     CASE WHEN latestDoc IS NOT NULL THEN right(latestKey, size(latestKey) - size(latestDoc) - 1) END AS latestIri
// the statement those keys name
OPTIONAL MATCH (c)-[f:FOLLOWED_UP_BY]->(later:Commitment)
WHERE later.iri = latestIri
OPTIONAL MATCH (ld:Document)
WHERE ld.iri = latestDocIri
WITH DISTINCT c, days_past, organisations, f.outcome AS stated, later, ld
RETURN c.text AS commitment, c.paragraph AS paragraph, c.locator AS locator, c.deadline AS deadline, c.deadline_text AS deadline_text,
       c.deadline_end AS deadline_end, days_past, organisations,
       CASE WHEN stated IS NOT NULL THEN stated WHEN days_past > 0 AND c.kind = 'commitment' THEN 'silent' END AS outcome,
       later.text AS latest_evidence, ld.published AS latest_date, ld.title AS latest_document, later.locator AS latest_locator
ORDER BY deadline_end, paragraph IS NULL DESC, paragraph, locator, commitment, deadline, deadline_text
