"""The click layer: the ``policykg`` command and everything only the command line needs.

The library packages (``graph``, ``loaders``, ``ontology``, ``queries``, ``export``, ``viz``, ``tracker``,
``fetch``) never import this package or click; it imports them.

- :mod:`policykg.cli.main`: the ``policykg`` group and the commands over the graph, queries, Neo4j and benchmarks
- :mod:`policykg.cli.export`: ``publish``, ``validate-publication`` and ``serve``
- :mod:`policykg.cli.viz`: ``viz``, ``explore`` and ``timeline``
- :mod:`policykg.cli.workspace`: where the command line keeps the built graph, and how a command gets it
"""

from policykg.cli.main import cli, main

__all__ = ["cli", "main"]
