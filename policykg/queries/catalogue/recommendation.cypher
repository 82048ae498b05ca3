// title: One recommendation
// description: A recommendation, the response status with its justifying quote, and each commitment that answers it (one row per commitment).
// param: number int required -- the recommendation number, e.g. 13
// columns: number, title, status, status_quote, commitment, paragraph, locator, deadline, organisations[]
MATCH (r:Recommendation)
WHERE r.number = $number AND r.title IS NOT NULL
OPTIONAL MATCH (response)-[:RESPONDS_TO]->(r)
WHERE response.status IS NOT NULL
OPTIONAL MATCH (c)-[:ANSWERS]->(r)
WHERE c.text IS NOT NULL AND c.locator IS NOT NULL
OPTIONAL MATCH (c)-[:LED_BY|INVOLVES]->(body:Organisation|Post)
WITH r.number AS number, r.title AS title, response.status AS status, response.status_quote AS status_quote,
     c, c.text AS commitment, c.paragraph AS paragraph, c.locator AS locator, c.deadline AS deadline,
     collect(DISTINCT body.label) AS organisations
RETURN number, title, status, status_quote, commitment, paragraph, locator, deadline, organisations
ORDER BY paragraph IS NULL DESC, paragraph, locator, commitment IS NULL DESC, commitment,
         status IS NULL DESC, status, status_quote IS NULL DESC, status_quote, deadline IS NULL DESC, deadline
