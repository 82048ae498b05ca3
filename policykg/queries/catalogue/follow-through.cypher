// title: Follow-through of commitments
// description: Every commitment due by AS_OF (its deadline on or before it) with the latest later statement about it in a document published by then, and its outcome: delivered, re-dated, dropped, in progress, or silent (no later document mentions it); NEW_DEADLINE: that of the latest re-dating by then, if any.
// param: as_of date = today -- the date (YYYY-MM-DD)
// columns: commitment, date, document, locator, deadline_text, deadline_end, outcome, evidence, evidence_date, evidence_document, evidence_locator, new_deadline_text, new_deadline_end, iri
// A follow-up (FOLLOWED_UP_BY, with its outcome) is dated by its document; of two follow-ups of the same date the one
// in the document with the greater IRI, then the greater IRI, is the later (as follow-through.rq).
WITH $as_of AS as_of
MATCH (c:Commitment)
WHERE c.kind = 'commitment' AND c.text IS NOT NULL AND c.locator IS NOT NULL AND c.deadline_text IS NOT NULL
  AND c.deadline_end IS NOT NULL AND c.deadline_end <= as_of
OPTIONAL MATCH (c)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(d:Document)
WHERE d.title IS NOT NULL
// every follow-up by AS_OF, in one grouped pass rather than a NOT EXISTS per row (as follow-through.rq): the greatest
// "DATE DOCUMENT-IRI" and "DATE DOCUMENT-IRI LATER-IRI" keys of the follow-ups (ISO dates sort as text, an IRI holds
// no space: the second key starts with the first, and what follows it is the later statement's IRI), and of the
// re-datings with a new deadline, whatever came after them
OPTIONAL MATCH (c)-[f:FOLLOWED_UP_BY]->(later:Commitment)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(ld:Document)
WHERE ld.published IS NOT NULL AND ld.published <= as_of
WITH c, d,
     max(CASE WHEN later.text IS NOT NULL AND later.locator IS NOT NULL AND f.outcome IS NOT NULL AND ld.title IS NOT NULL
              THEN toString(ld.published) + ' ' + ld.iri END) AS latestDoc,
     max(CASE WHEN later.text IS NOT NULL AND later.locator IS NOT NULL AND f.outcome IS NOT NULL AND ld.title IS NOT NULL
              THEN toString(ld.published) + ' ' + ld.iri + ' ' + later.iri END) AS latestKey,
     max(CASE WHEN f.outcome = 're-dated' AND later.deadline_text IS NOT NULL AND later.deadline_end IS NOT NULL
              THEN toString(ld.published) + ' ' + ld.iri END) AS redatingDoc,
     max(CASE WHEN f.outcome = 're-dated' AND later.deadline_text IS NOT NULL AND later.deadline_end IS NOT NULL
              THEN toString(ld.published) + ' ' + ld.iri + ' ' + later.iri END) AS redatingKey
WITH c, d,
     CASE WHEN latestDoc IS NOT NULL THEN right(latestDoc, size(latestDoc) - 11) END AS latestDocIri,
     CASE WHEN latestDoc IS NOT NULL THEN right(latestKey, size(latestKey) - size(latestDoc) - 1) END AS latestIri,
     CASE WHEN redatingDoc IS NOT NULL THEN right(redatingKey, size(redatingKey) - size(redatingDoc) - 1) END AS redatingIri
// the statements those keys name
OPTIONAL MATCH (c)-[f:FOLLOWED_UP_BY]->(later:Commitment)
WHERE later.iri = latestIri
OPTIONAL MATCH (ld:Document)
WHERE ld.iri = latestDocIri
OPTIONAL MATCH (redating:Commitment)
WHERE redating.iri = redatingIri
WITH DISTINCT c, d, later, ld, coalesce(f.outcome, 'silent') AS outcome, redating
RETURN c.text AS commitment, d.published AS date, d.title AS document, c.locator AS locator, c.deadline_text AS deadline_text,
       c.deadline_end AS deadline_end, outcome, later.text AS evidence, ld.published AS evidence_date, ld.title AS evidence_document,
       later.locator AS evidence_locator, redating.deadline_text AS new_deadline_text, redating.deadline_end AS new_deadline_end,
       c.iri AS iri
ORDER BY deadline_end, date IS NULL DESC, date, document IS NULL DESC, document, locator, commitment, iri
