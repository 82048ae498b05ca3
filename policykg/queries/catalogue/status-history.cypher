// title: Status history
// description: Every response to recommendation NUMBER (of one inquiry, optionally), one row per responding document in date order: the status it states, the quote and the paragraph holding it.
// param: number int required -- the recommendation number, e.g. 13
// param: inquiry str -- an inquiry's name or abbreviation, e.g. "IICSA" or "Grenfell Tower Inquiry"
// columns: inquiry, number, date, document, status, status_quote, locator, response
// A response counts when it is stated in a paragraph of a document (part of a section, part of the document): its
// date is the document's. The locator is that of the paragraph holding the status quote, else the first of its paragraphs.
WITH toLower($inquiry) AS wanted
MATCH (r:Recommendation)
WHERE r.number = $number
  AND (wanted IS NULL OR EXISTS {
        MATCH (r)-[:MADE_BY]->(named)
        WHERE toLower(named.label) = wanted OR any(alias IN named.aliases WHERE toLower(alias) = wanted)
      })
OPTIONAL MATCH (r)-[:MADE_BY]->(i:Inquiry)
MATCH (response:Response)-[:RESPONDS_TO]->(r)
MATCH (response)-[:STATED_IN]->(p:Paragraph)-[:PART_OF]->(:Section)-[:PART_OF]->(d:Document)
WHERE p.locator IS NOT NULL AND d.title IS NOT NULL
OPTIONAL MATCH (response)-[:STATED_IN]->(quoted:Paragraph)
WHERE response.status_quote IS NOT NULL AND quoted.text CONTAINS response.status_quote
WITH i.label AS inquiry, r.number AS number, d.published AS date, d.title AS document, response.status AS status,
     response.status_quote AS status_quote, coalesce(min(quoted.locator), min(p.locator)) AS locator, response.iri AS response
RETURN inquiry, number, date, document, status, status_quote, locator, response
ORDER BY inquiry IS NULL DESC, inquiry, date IS NULL DESC, date, document, response
