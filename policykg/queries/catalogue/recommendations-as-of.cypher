// title: Recommendations as of a date
// description: Every recommendation (of one inquiry, optionally) with its status as of AS_OF: the status of its latest response with a status in a document published on or before that date, with that document.
// param: as_of date = today -- the date (YYYY-MM-DD)
// param: inquiry str -- an inquiry's name or abbreviation, e.g. "IICSA" or "Grenfell Tower Inquiry"
// columns: inquiry, number, title, status, date, document, response
// A response is dated by the document of the paragraphs it is stated in; of two documents of the same date, the one
// with the greater IRI counts as the later (so the answer never depends on the order documents were read in).
WITH toLower($inquiry) AS wanted, $as_of AS as_of
MATCH (r:Recommendation)
WHERE r.title IS NOT NULL
  AND (wanted IS NULL OR EXISTS {
        MATCH (r)-[:MADE_BY]->(named)
        WHERE toLower(named.label) = wanted OR any(alias IN named.aliases WHERE toLower(alias) = wanted)
      })
OPTIONAL MATCH (r)-[:MADE_BY]->(i:Inquiry)
OPTIONAL MATCH (response:Response)-[:RESPONDS_TO]->(r), (response)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(d:Document)
WHERE response.status IS NOT NULL AND d.published <= as_of AND d.title IS NOT NULL
  AND NOT EXISTS {
        MATCH (later:Response)-[:RESPONDS_TO]->(r), (later)-[:STATED_IN]->(:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(laterDoc:Document)
        WHERE later.status IS NOT NULL AND laterDoc.published <= as_of
          AND (laterDoc.published > d.published OR (laterDoc.published = d.published AND laterDoc.iri > d.iri))
      }
WITH DISTINCT i.label AS inquiry, r.number AS number, r.title AS title, response.status AS status, d.published AS date,
     d.title AS document, response.iri AS response
RETURN inquiry, number, title, status, date, document, response
ORDER BY inquiry IS NULL DESC, inquiry, number IS NULL DESC, number, title
