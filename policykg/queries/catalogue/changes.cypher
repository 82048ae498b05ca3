// title: Changes between two dates or documents
// description: What documents published after FROM and up to TO (each a date or a document's IRI: documents are ordered by their date, then by their IRI) change: responses that are new (the first response to their recommendation) or change its status (from that of the latest earlier response with one), and commitments they re-date, report delivered or drop (a later statement about an earlier commitment, pkg:followedUpBy, with that outcome; PREVIOUS_DATE: the date of the commitment's document, DEADLINE_END its deadline, NEW_DEADLINE_END the later statement's).
// param: from point required -- the earlier date (YYYY-MM-DD) or document (its IRI), excluded
// param: to point required -- the later date (YYYY-MM-DD) or document (its IRI), included
// columns: inquiry, number, title, change, date, document, previous_status, previous_date, status, status_quote, response, commitment, deadline_end, new_deadline_end, evidence, evidence_locator, commitment_iri
// Responses are ordered as in recommendations-as-of.cypher: by their document's date, then by the document's IRI;
// responses in undated documents have no place in that order and are left out.
// The two halves of a union (responses, then commitments followed up), as one query so that ORDER BY covers both; each
// half starts from the documents of the period, found once: a half's pattern unbound by earlier rows is matched anew
// for every row (Neo4j scanned every paragraph for each response row: benchmarks/README.md).
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
// the documents of the period, dated and titled
MATCH (d:Document)
WHERE d.published IS NOT NULL AND d.title IS NOT NULL
  AND toString(d.published) + ' ' + d.iri > since AND toString(d.published) + ' ' + d.iri <= until
UNWIND ['response', 'commitment'] AS part
OPTIONAL MATCH (resp:Response)-[:RESPONDS_TO]->(r:Recommendation),
               (resp)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(d)
WHERE part = 'response' AND r.title IS NOT NULL
WITH DISTINCT part, resp, r, d
// whether the response is its recommendation's first (first_response) and the latest earlier response with a status
// (previous_response, its IRI) are stored when the graph is built (policykg.graph.previous, as changes.rq reads them),
// not found here by a grouped pass over every earlier response of the recommendation
OPTIONAL MATCH (previous:Response)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(pd:Document)
WHERE previous.iri = resp.previous_response AND previous.status IS NOT NULL AND pd.published IS NOT NULL
WITH DISTINCT part, resp, r, d, previous.status AS previousStatus, pd.published AS previousDate
OPTIONAL MATCH (r)-[:MADE_BY]->(i:Inquiry)
WITH part, i, resp, r, d, previousDate, previousStatus,
     CASE WHEN resp IS NULL THEN NULL
          WHEN resp.first_response THEN 'new'
          WHEN resp.status IS NOT NULL AND (previousStatus IS NULL OR previousStatus <> resp.status) THEN 'changed'
     END AS change
WHERE part = 'commitment' OR change IS NOT NULL
// a commitment re-dated, delivered or dropped: the outcome of its follow-up, dated by the later statement's
// document; an 'in progress' follow-up changes nothing
OPTIONAL MATCH (c:Commitment)-[f:FOLLOWED_UP_BY]->(later:Commitment)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(d)
WHERE part = 'commitment' AND f.outcome IN ['re-dated', 'delivered', 'dropped'] AND c.text IS NOT NULL
  AND later.text IS NOT NULL AND later.locator IS NOT NULL
WITH DISTINCT part, i, resp, r, d, previousDate, previousStatus, change, c, f.outcome AS outcome, later
WHERE part = 'response' OR c IS NOT NULL
OPTIONAL MATCH (c)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(cd:Document)
WHERE cd.published IS NOT NULL
OPTIONAL MATCH (c)-[:ANSWERS]->(cr:Recommendation)
WHERE cr.title IS NOT NULL
OPTIONAL MATCH (cr)-[:MADE_BY]->(ci:Inquiry)
WITH DISTINCT part, i, resp, r, d, previousDate, previousStatus, change, c, outcome, later, cd, cr, ci
WITH CASE part WHEN 'response' THEN i.label ELSE ci.label END AS inquiry,
     CASE part WHEN 'response' THEN r.number ELSE cr.number END AS number,
     CASE part WHEN 'response' THEN r.title ELSE cr.title END AS title,
     CASE part WHEN 'response' THEN change ELSE outcome END AS change,
     d.published AS date, d.title AS document, previousStatus AS previous_status,
     CASE part WHEN 'response' THEN previousDate ELSE cd.published END AS previous_date,
     resp.status AS status, resp.status_quote AS status_quote, resp.iri AS response,
     c.text AS commitment, c.deadline_end AS deadline_end, later.deadline_end AS new_deadline_end,
     later.text AS evidence, later.locator AS evidence_locator, c.iri AS commitment_iri
RETURN DISTINCT inquiry, number, title, change, date, document, previous_status, previous_date, status, status_quote, response,
       commitment, deadline_end, new_deadline_end, evidence, evidence_locator, commitment_iri
ORDER BY date, document, response IS NULL DESC, response, inquiry IS NULL DESC, inquiry, number IS NULL DESC, number,
         title IS NULL DESC, title, commitment_iri IS NULL DESC, commitment_iri, evidence_locator IS NULL DESC, evidence_locator,
         evidence IS NULL DESC, evidence, change, previous_date IS NULL DESC, previous_date, deadline_end IS NULL DESC, deadline_end,
         new_deadline_end IS NULL DESC, new_deadline_end
