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
OPTIONAL MATCH (c)-[f:FOLLOWED_UP_BY]->(later:Commitment)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(ld:Document)
WHERE later.text IS NOT NULL AND later.locator IS NOT NULL AND f.outcome IS NOT NULL AND ld.title IS NOT NULL
  AND ld.published IS NOT NULL AND ld.published <= as_of
  AND NOT EXISTS {
        MATCH (c)-[:FOLLOWED_UP_BY]->(other:Commitment)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(od:Document)
        WHERE od.published IS NOT NULL AND od.published <= as_of
          AND (od.published > ld.published OR (od.published = ld.published
               AND (od.iri > ld.iri OR (od.iri = ld.iri AND other.iri > later.iri))))
      }
WITH DISTINCT c, d, later, ld, coalesce(f.outcome, 'silent') AS outcome, as_of
// the latest re-dating by then, whatever came after it: the new deadline beside the old
OPTIONAL MATCH (c)-[:FOLLOWED_UP_BY {outcome: 're-dated'}]->(redating:Commitment)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(rd:Document)
WHERE redating.deadline_text IS NOT NULL AND redating.deadline_end IS NOT NULL AND rd.published IS NOT NULL AND rd.published <= as_of
  AND NOT EXISTS {
        MATCH (c)-[:FOLLOWED_UP_BY {outcome: 're-dated'}]->(other:Commitment)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(od:Document)
        WHERE od.published IS NOT NULL AND od.published <= as_of
          AND (od.published > rd.published OR (od.published = rd.published
               AND (od.iri > rd.iri OR (od.iri = rd.iri AND other.iri > redating.iri))))
      }
WITH DISTINCT c, d, later, ld, outcome, redating
RETURN c.text AS commitment, d.published AS date, d.title AS document, c.locator AS locator, c.deadline_text AS deadline_text,
       c.deadline_end AS deadline_end, outcome, later.text AS evidence, ld.published AS evidence_date, ld.title AS evidence_document,
       later.locator AS evidence_locator, redating.deadline_text AS new_deadline_text, redating.deadline_end AS new_deadline_end,
       c.iri AS iri
ORDER BY deadline_end, date IS NULL DESC, date, document IS NULL DESC, document, locator, commitment, iri
