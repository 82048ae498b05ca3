// title: Overdue responses
// description: Recommendations whose response deadline (RESPONSE_DUE: the report's date plus the period it states, else 56 days for a coroner's Prevention of Future Deaths report, six months by convention for a statutory inquiry; BASIS says which) passed before AS_OF with no response in a document published after the report (REPORT_DATE) and by the deadline; DAYS_PAST: days from the deadline to AS_OF; LATE_RESPONSE_DATE and LATE_RESPONSE_DOCUMENT: the first response after the deadline, by AS_OF (none: still unanswered).
// param: as_of date = today -- the date (YYYY-MM-DD)
// columns: inquiry, number, title, report_date, response_due, basis, days_past, late_response_date, late_response_document, iri
// A response counts when it is stated in a dated, titled document published after the report (as overdue-responses.rq); of two late responses of
// the same date the one in the document with the lesser IRI is the first.
WITH $as_of AS as_of
MATCH (r:Recommendation)
WHERE r.title IS NOT NULL AND r.report_date IS NOT NULL AND r.response_due IS NOT NULL AND r.response_due_basis IS NOT NULL AND r.response_due < as_of
  AND NOT EXISTS {
        MATCH (onTime:Response)-[:RESPONDS_TO]->(r),
              (onTime)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(od:Document)
        WHERE od.published IS NOT NULL AND od.title IS NOT NULL AND od.published > r.report_date AND od.published <= r.response_due
      }
OPTIONAL MATCH (r)-[:MADE_BY]->(i:Inquiry)
WITH DISTINCT r, i, as_of
OPTIONAL MATCH (late:Response)-[:RESPONDS_TO]->(r),
               (late)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(ld:Document)
WHERE ld.published IS NOT NULL AND ld.title IS NOT NULL AND ld.published > r.response_due AND ld.published <= as_of
  AND NOT EXISTS {
        MATCH (other:Response)-[:RESPONDS_TO]->(r),
              (other)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(xd:Document)
        WHERE xd.published IS NOT NULL AND xd.title IS NOT NULL AND xd.published > r.response_due
          AND (xd.published < ld.published OR (xd.published = ld.published AND xd.iri < ld.iri))
      }
WITH DISTINCT r, i, as_of, ld
// days since 0000-03-01 of both dates (civil calendar; the same arithmetic as due.rq)
WITH r, i, ld,
     toInteger(left(toString(as_of), 4)) AS ay, toInteger(left(right(toString(as_of), 5), 2)) AS am,
     toInteger(right(toString(as_of), 2)) AS ad,
     toInteger(left(toString(r.response_due), 4)) AS ey, toInteger(left(right(toString(r.response_due), 5), 2)) AS em,
     toInteger(right(toString(r.response_due), 2)) AS ed
WITH r, i, ld,
     ay - CASE WHEN am <= 2 THEN 1 ELSE 0 END AS ay, (am + 9) % 12 AS am, ad,
     ey - CASE WHEN em <= 2 THEN 1 ELSE 0 END AS ey, (em + 9) % 12 AS em, ed
WITH r, i, ld,
     (365 * ay + ay / 4 - ay / 100 + ay / 400 + (153 * am + 2) / 5 + ad)
     - (365 * ey + ey / 4 - ey / 100 + ey / 400 + (153 * em + 2) / 5 + ed) AS days_past
RETURN i.label AS inquiry, r.number AS number, r.title AS title, r.report_date AS report_date, r.response_due AS response_due, r.response_due_basis AS basis,
       days_past, ld.published AS late_response_date, ld.title AS late_response_document, r.iri AS iri
ORDER BY response_due, inquiry IS NULL DESC, inquiry, number IS NULL DESC, number, title, iri
