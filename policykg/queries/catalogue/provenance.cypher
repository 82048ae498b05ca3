// title: Provenance
// description: Every source quote behind one node (by IRI): the node's own evidence and that of each relationship from or to it.
// param: iri str required -- the node's IRI, e.g. https://w3id.org/policykg/id/recommendation/iicsa/13
// columns: via, other, quote, paragraph, locator, start, end, document
WITH $iri AS wanted
MATCH (n)
WHERE n.iri = wanted
// the node's own evidence, then that of each relationship from it and to it
UNWIND ['node', 'out', 'in'] AS side
OPTIONAL MATCH (n)-[outgoing]->(target)
WHERE side = 'out'
OPTIONAL MATCH (source)-[incoming]->(n)
WHERE side = 'in'
WITH side, n, outgoing, target, incoming, source
WHERE side = 'node' OR outgoing IS NOT NULL OR incoming IS NOT NULL
WITH CASE side WHEN 'out' THEN type(outgoing) WHEN 'in' THEN type(incoming) END AS relation,
     side, n, outgoing, target, incoming, source
WITH CASE WHEN side = 'node' THEN 'node' ELSE CASE WHEN side = 'in' THEN '^' ELSE '' END + CASE relation
    WHEN 'ANSWERS' THEN 'answers'
    WHEN 'CHAIRED_BY' THEN 'chairedBy'
    WHEN 'CONCERNS' THEN 'concerns'
    WHEN 'FUNDED_BY' THEN 'fundedBy'
    WHEN 'FUNDS' THEN 'funds'
    WHEN 'HAS_FUNDING' THEN 'hasFunding'
    WHEN 'HAS_THEME' THEN 'hasTheme'
    WHEN 'HOLDS_POST' THEN 'holdsPost'
    WHEN 'INVOLVES' THEN 'involves'
    WHEN 'LED_BY' THEN 'ledBy'
    WHEN 'MADE_BY' THEN 'madeBy'
    WHEN 'MENTIONED_IN' THEN 'mentionedIn'
    WHEN 'PART_OF' THEN 'partOf'
    WHEN 'POST_IN' THEN 'postIn'
    WHEN 'PRODUCED_BY' THEN 'producedBy'
    WHEN 'PUBLISHED_IN' THEN 'publishedIn'
    WHEN 'RESPONDS_TO' THEN 'respondsTo'
    WHEN 'RUN_BY' THEN 'runBy'
    WHEN 'STATED_IN' THEN 'statedIn'
    WHEN 'SUB_ORGANISATION_OF' THEN 'subOrganisationOf'
    WHEN 'THROUGH_LEGISLATION' THEN 'throughLegislation'
    ELSE toLower(relation) END END AS via,
     CASE side WHEN 'out' THEN target.label WHEN 'in' THEN source.label END AS other,
     CASE side WHEN 'out' THEN outgoing.source_documents WHEN 'in' THEN incoming.source_documents ELSE n.source_documents END AS documents,
     CASE side WHEN 'out' THEN outgoing.source_locators WHEN 'in' THEN incoming.source_locators ELSE n.source_locators END AS locators,
     CASE side WHEN 'out' THEN outgoing.source_paragraphs WHEN 'in' THEN incoming.source_paragraphs ELSE n.source_paragraphs END AS paragraphs,
     CASE side WHEN 'out' THEN outgoing.source_starts WHEN 'in' THEN incoming.source_starts ELSE n.source_starts END AS start_offsets,
     CASE side WHEN 'out' THEN outgoing.source_ends WHEN 'in' THEN incoming.source_ends ELSE n.source_ends END AS end_offsets,
     CASE side WHEN 'out' THEN outgoing.source_quotes WHEN 'in' THEN incoming.source_quotes ELSE n.source_quotes END AS quotes
// the provenance lists are parallel: record i is element i of each (last(list[0..i+1]) is element i in both engines)
UNWIND range(0, size(quotes) - 1) AS i
WITH via, other, last(quotes[0..i + 1]) AS quote, last(paragraphs[0..i + 1]) AS paragraph,
     last(locators[0..i + 1]) AS locator, last(start_offsets[0..i + 1]) AS `start`, last(end_offsets[0..i + 1]) AS `end`,
     last(documents[0..i + 1]) AS document
RETURN via, other, quote, CASE WHEN paragraph < 0 THEN NULL ELSE paragraph END AS paragraph, locator, `start`, `end`, document
ORDER BY via, other IS NULL DESC, other, document, locator, `start`, `end`, quote
