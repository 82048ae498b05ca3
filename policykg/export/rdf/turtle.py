"""Turtle: one block per subject, from the sorted N-Triples (N-Triples terms are Turtle terms: what
remains is grouping and shortening)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO

from rdflib import RDF, XSD

from policykg.export.rdf.streams import PREFIX_IRIS, GraphNames, Groups, RdfFormat

# Turtle is written here from the sorted N-Triples, a subject's triples in one block: N-Triples
# terms are Turtle terms, so what remains is grouping and shortening.  The blocks are those
# pyoxigraph's writer (used before) wrote, byte for byte; it took its input as one Python object
# per triple, which cost more than writing the text here.
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")  # local names written prefixed: a safe subset of Turtle's PN_LOCAL
_BARE = {  # datatype → lexical forms Turtle writes without quotes, for the same literal
    f"<{XSD.integer}>": re.compile(r"[+-]?[0-9]+"),
    f"<{XSD.decimal}>": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    f"<{XSD.boolean}>": re.compile(r"true|false"),
}
#: About how many triples a chunk of streamed N-Triples or Turtle holds (a chunk is made whole, then written).
_CHUNK_LINES = 1_000


def turtle_chunks(groups: Iterable[tuple[str, list[str]]]) -> Iterator[str]:
    r"""Turtle text of N-Triples ``groups`` (subject term, its ``<predicate> object .`` parts, as
    :func:`~policykg.ontology.rdf.ntriples_groups` gives them), in pieces: the prefixes, then one
    block per subject (``<s> a pkg:Commitment , prov:Plan ;`` ...), vocabulary IRIs prefixed
    (:data:`~policykg.ontology.rdf.PREFIXES`), numbers and booleans bare.

    >>> chunks = turtle_chunks([("<https://e.org/s>", ['<http://www.w3.org/2000/01/rdf-schema#label> "S" .',
    ...                          '<https://w3id.org/policykg/ontology#number> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .'])])
    >>> prefixes, block = next(chunks), next(chunks)
    >>> block
    '<https://e.org/s> rdfs:label "S" ;\n\tpkg:number 3 .\n'
    """
    by_length = sorted(PREFIX_IRIS.items(), key=lambda item: len(item[1]), reverse=True)  # the longest namespace matches first
    prefix_of = {namespace: prefix for prefix, namespace in by_length}
    in_vocabulary = re.compile("<(" + "|".join(re.escape(namespace) for _, namespace in by_length) + ")")
    shortened: dict[str, str] = {f"<{RDF.type}>": "a"}  # vocabulary IRI term → as written (not data IRIs: most occur once)

    def iri(term: str) -> str:
        found = shortened.get(term)
        if found is None:
            match = in_vocabulary.match(term)
            if match is None:
                return term
            local = term[match.end() : -1]
            found = shortened[term] = f"{prefix_of[match.group(1)]}:{local}" if _LOCAL_NAME.fullmatch(local) else term
        return found

    def value(term: str) -> str:
        if term[0] == "<":
            return iri(term)
        if term[-1] != ">":
            return term  # a plain or language-tagged literal: as in N-Triples
        quote = term.rindex('"^^<')  # the closing quote (an IRI holds no '"')
        lexical, datatype = term[1:quote], term[quote + 3 :]
        bare = _BARE.get(datatype)
        if bare is not None and bare.fullmatch(lexical):
            return lexical
        return f'"{lexical}"^^{iri(datatype)}'

    yield "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIX_IRIS.items())
    out: list[str] = []
    lines = 0
    for subject, parts in groups:
        out += (iri(subject), " ")
        predicate = None
        for part in parts:
            part_predicate, _, term = part.partition(" ")
            if part_predicate == predicate:
                out.append(" , ")
            else:
                if predicate is not None:
                    out.append(" ;\n\t")
                out += (iri(part_predicate), " ")
                predicate = part_predicate
            out.append(value(term[:-2]))  # without " ."
        out.append(" .\n")
        lines += len(parts)
        if lines >= _CHUNK_LINES:
            yield "".join(out)
            out.clear()
            lines = 0
    yield "".join(out)


def write_turtle(groups: Groups, names: GraphNames, stream: IO[bytes]) -> None:
    stream.writelines(text.encode("utf-8") for text in turtle_chunks(groups))


FORMAT = RdfFormat("turtle", ".ttl", "text/turtle", write_turtle)
