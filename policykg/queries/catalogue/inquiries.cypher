// title: Inquiries
// description: Each inquiry with its number of recommendations, how many a document responds to, and how many have each latest status (that of the latest dated response with a status).
// columns: inquiry, recommendations, responded, accepted, accepted_in_principle, accepted_in_part, alternative_approach, noted, under_consideration, not_accepted, no_status
// "Latest" orders responses as recommendations-as-of.cypher does: by the document's date, then by the document's IRI.
MATCH (r:Recommendation)
WHERE r.title IS NOT NULL
OPTIONAL MATCH (r)-[:MADE_BY]->(i:Inquiry)
OPTIONAL MATCH (response:Response)-[:RESPONDS_TO]->(r), (response)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(d:Document)
WHERE response.status IS NOT NULL AND d.published IS NOT NULL
  AND NOT EXISTS {
        MATCH (later:Response)-[:RESPONDS_TO]->(r), (later)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(laterDoc:Document)
        WHERE later.status IS NOT NULL AND laterDoc.published IS NOT NULL
          AND (laterDoc.published > d.published OR (laterDoc.published = d.published AND laterDoc.iri > d.iri))
      }
WITH DISTINCT i.label AS inquiry, r, response.status AS status
OPTIONAL MATCH (answer:Response)-[:RESPONDS_TO]->(r), (answer)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(:Document)
WITH inquiry, r, status, CASE WHEN count(answer) > 0 THEN 1 ELSE 0 END AS answered
RETURN inquiry, count(r) AS recommendations, sum(answered) AS responded,
       sum(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END) AS accepted,
       sum(CASE WHEN status = 'accepted in principle' THEN 1 ELSE 0 END) AS accepted_in_principle,
       sum(CASE WHEN status = 'accepted in part' THEN 1 ELSE 0 END) AS accepted_in_part,
       sum(CASE WHEN status = 'alternative approach' THEN 1 ELSE 0 END) AS alternative_approach,
       sum(CASE WHEN status = 'noted' THEN 1 ELSE 0 END) AS noted,
       sum(CASE WHEN status = 'under consideration' THEN 1 ELSE 0 END) AS under_consideration,
       sum(CASE WHEN status = 'not accepted' THEN 1 ELSE 0 END) AS not_accepted,
       sum(CASE WHEN status IS NULL THEN 1 ELSE 0 END) AS no_status
ORDER BY inquiry IS NULL DESC, inquiry
