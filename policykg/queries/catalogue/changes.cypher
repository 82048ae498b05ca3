// title: Changes between two dates or documents
// description: What documents published after FROM and up to TO (each a date or a document's IRI: documents are ordered by their date, then by their IRI) change: responses that are new (the first response to their recommendation) or change its status (from that of the latest earlier response with one), and commitments they re-date, report delivered or drop (a later statement about an earlier commitment, pkg:followedUpBy, with that outcome; PREVIOUS_DATE: the date of the commitment's document, DEADLINE_END its deadline, NEW_DEADLINE_END the later statement's).
// param: from point required -- the earlier date (YYYY-MM-DD) or document (its IRI), excluded
// param: to point required -- the later date (YYYY-MM-DD) or document (its IRI), included
// columns: inquiry, number, title, change, date, document, previous_status, previous_date, status, status_quote, response, commitment, deadline_end, new_deadline_end, evidence, evidence_locator, commitment_iri
// Responses are ordered as in recommendations-as-of.cypher: by their document's date, then by the document's IRI;
// responses in undated documents have no place in that order and are left out.
// The two halves of a union (responses, then commitments followed up), as one query so that ORDER BY covers both.
// FROM and TO as "DATE DOCUMENT-IRI" keys, which order documents as the date then the IRI do: a document's own, or a
// date followed by "!" (above every key of that date, whose space is below "!"); none for an IRI that is no dated
// document (a date starts with a digit, an IRI with a letter)
WITH $from AS fromValue, $to AS toValue
OPTIONAL MATCH (fromDoc:Document) WHERE fromDoc.iri = fromValue AND fromDoc.published IS NOT NULL
OPTIONAL MATCH (toDoc:Document) WHERE toDoc.iri = toValue AND toDoc.published IS NOT NULL
WITH CASE WHEN fromDoc IS NOT NULL THEN toString(fromDoc.published) + ' ' + fromDoc.iri
          WHEN left(fromValue, 1) >= '0' AND left(fromValue, 1) <= '9' THEN fromValue + '!' END AS since,
     CASE WHEN toDoc IS NOT NULL THEN toString(toDoc.published) + ' ' + toDoc.iri
          WHEN left(toValue, 1) >= '0' AND left(toValue, 1) <= '9' THEN toValue + '!' END AS until
UNWIND ['response', 'commitment'] AS part
OPTIONAL MATCH (resp:Response)-[:RESPONDS_TO]->(r:Recommendation),
               (resp)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(d:Document)
WHERE part = 'response' AND toString(d.published) + ' ' + d.iri > since AND toString(d.published) + ' ' + d.iri <= until AND r.title IS NOT NULL AND d.title IS NOT NULL
WITH DISTINCT part, since, until, resp, r, d
OPTIONAL MATCH (r)-[:MADE_BY]->(i:Inquiry)
// the latest earlier response with a status: none comes between it and this one
OPTIONAL MATCH (previous:Response)-[:RESPONDS_TO]->(r),
               (previous)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(pd:Document)
WHERE previous.status IS NOT NULL AND pd.published IS NOT NULL
  AND (pd.published < d.published OR (pd.published = d.published AND pd.iri < d.iri))
  AND NOT EXISTS {
        MATCH (middle:Response)-[:RESPONDS_TO]->(r),
              (middle)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(md:Document)
        WHERE middle.status IS NOT NULL AND md.published IS NOT NULL
          AND (md.published > pd.published OR (md.published = pd.published AND md.iri > pd.iri))
          AND (md.published < d.published OR (md.published = d.published AND md.iri < d.iri))
      }
WITH DISTINCT part, since, until, i, resp, r, d, previous, pd
OPTIONAL MATCH (earlier:Response)-[:RESPONDS_TO]->(r),
               (earlier)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(ed:Document)
WHERE ed.published IS NOT NULL AND (ed.published < d.published OR (ed.published = d.published AND ed.iri < d.iri))
WITH part, since, until, i, resp, r, d, previous, pd, count(earlier) AS earlier
WITH part, since, until, i, resp, r, d, previous, pd,
     CASE WHEN resp IS NULL THEN NULL
          WHEN earlier = 0 THEN 'new'
          WHEN resp.status IS NOT NULL AND (previous IS NULL OR previous.status <> resp.status) THEN 'changed'
     END AS change
WHERE part = 'commitment' OR change IS NOT NULL
// a commitment re-dated, delivered or dropped: the outcome of its follow-up, dated by the later statement's
// document; an 'in progress' follow-up changes nothing
OPTIONAL MATCH (c:Commitment)-[f:FOLLOWED_UP_BY]->(later:Commitment)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(ld:Document)
WHERE part = 'commitment' AND f.outcome IN ['re-dated', 'delivered', 'dropped'] AND c.text IS NOT NULL
  AND later.text IS NOT NULL AND later.locator IS NOT NULL AND ld.title IS NOT NULL
  AND toString(ld.published) + ' ' + ld.iri > since AND toString(ld.published) + ' ' + ld.iri <= until
WITH DISTINCT part, i, resp, r, d, previous, pd, change, c, f.outcome AS outcome, later, ld
WHERE part = 'response' OR c IS NOT NULL
OPTIONAL MATCH (c)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(cd:Document)
WHERE cd.published IS NOT NULL
OPTIONAL MATCH (c)-[:ANSWERS]->(cr:Recommendation)
WHERE cr.title IS NOT NULL
OPTIONAL MATCH (cr)-[:MADE_BY]->(ci:Inquiry)
WITH DISTINCT part, i, resp, r, d, previous, pd, change, c, outcome, later, ld, cd, cr, ci
WITH CASE part WHEN 'response' THEN i.label ELSE ci.label END AS inquiry,
     CASE part WHEN 'response' THEN r.number ELSE cr.number END AS number,
     CASE part WHEN 'response' THEN r.title ELSE cr.title END AS title,
     CASE part WHEN 'response' THEN change ELSE outcome END AS change,
     CASE part WHEN 'response' THEN d.published ELSE ld.published END AS date,
     CASE part WHEN 'response' THEN d.title ELSE ld.title END AS document,
     previous.status AS previous_status,
     CASE part WHEN 'response' THEN pd.published ELSE cd.published END AS previous_date,
     resp.status AS status, resp.status_quote AS status_quote, resp.iri AS response,
     c.text AS commitment, c.deadline_end AS deadline_end, later.deadline_end AS new_deadline_end,
     later.text AS evidence, later.locator AS evidence_locator, c.iri AS commitment_iri
RETURN DISTINCT inquiry, number, title, change, date, document, previous_status, previous_date, status, status_quote, response,
       commitment, deadline_end, new_deadline_end, evidence, evidence_locator, commitment_iri
ORDER BY date, document, response IS NULL DESC, response, inquiry IS NULL DESC, inquiry, number IS NULL DESC, number,
         title IS NULL DESC, title, commitment_iri IS NULL DESC, commitment_iri, evidence_locator IS NULL DESC, evidence_locator,
         evidence IS NULL DESC, evidence, change, previous_date IS NULL DESC, previous_date, deadline_end IS NULL DESC, deadline_end,
         new_deadline_end IS NULL DESC, new_deadline_end
