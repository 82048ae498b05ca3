"""policykg: a knowledge graph of public policy.

The library API, for notebooks and scripts (the ``policykg`` command is a thin
layer over it):

>>> import policykg
>>> graph = policykg.build_graph([policykg.load_document(policykg.seed_path())])
>>> policykg.count_by_type(graph)["Recommendation"]
20
"""

from policykg.errors import LoaderError, PolicyKGError, QueryError, ValidationError
from policykg.graph.build import build_graph
from policykg.graph.model import Provenance, count_by_relation, count_by_type
from policykg.graph.storage import load_graph, save_graph
from policykg.loaders import load_document, seed_path
from policykg.ontology.rdf import to_rdf
from policykg.workflows import BuildResult, build_folder

__version__ = "0.1.0"

__all__ = [
    "BuildResult",
    "LoaderError",
    "PolicyKGError",
    "Provenance",
    "QueryError",
    "ValidationError",
    "build_folder",
    "build_graph",
    "count_by_relation",
    "count_by_type",
    "load_document",
    "load_graph",
    "save_graph",
    "seed_path",
    "to_rdf",
]
