// title: Changes between two dates
// description: Responses in documents published after FROM and up to TO that are new (the first response to their recommendation) or change its status (from that of the latest earlier response with one).
// param: from date required -- the earlier date, excluded (YYYY-MM-DD)
// param: to date required -- the later date, included (YYYY-MM-DD)
// columns: inquiry, number, title, change, date, document, previous_status, previous_date, status, status_quote, response
// Responses are ordered as in recommendations-as-of.cypher: by their document's date, then by the document's IRI;
// responses in undated documents have no place in that order and are left out.
WITH $from AS since, $to AS until
MATCH (resp:Response)-[:RESPONDS_TO]->(r:Recommendation),
      (resp)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(d:Document)
WHERE d.published > since AND d.published <= until AND r.title IS NOT NULL AND d.title IS NOT NULL
WITH DISTINCT resp, r, d
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
WITH DISTINCT i, resp, r, d, previous, pd
OPTIONAL MATCH (earlier:Response)-[:RESPONDS_TO]->(r),
               (earlier)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(ed:Document)
WHERE ed.published IS NOT NULL AND (ed.published < d.published OR (ed.published = d.published AND ed.iri < d.iri))
WITH i, resp, r, d, previous, pd, count(earlier) AS earlier
WITH i, resp, r, d, previous, pd,
     CASE WHEN earlier = 0 THEN 'new'
          WHEN resp.status IS NOT NULL AND (previous IS NULL OR previous.status <> resp.status) THEN 'changed'
     END AS change
WHERE change IS NOT NULL
RETURN i.label AS inquiry, r.number AS number, r.title AS title, change, d.published AS date, d.title AS document,
       previous.status AS previous_status, pd.published AS previous_date, resp.status AS status,
       resp.status_quote AS status_quote, resp.iri AS response
ORDER BY date, document, response, inquiry IS NULL DESC, inquiry, number IS NULL DESC, number, title
