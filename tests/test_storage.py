"""graph.json: what later commands read back must be the graph that was built, and a damaged file a clear error."""

from __future__ import annotations

import gc
import json
import weakref

import networkx as nx
import pytest

from policykg.errors import PolicyKGError
from policykg.graph.model import gc_pauses_allowed, paused_gc
from policykg.graph.storage import dumps, loads


def test_the_graph_read_back_is_the_graph_written(seed_graph):
    text = dumps(seed_graph)
    back = loads(text)
    assert dumps(back) == text
    assert nx.utils.graphs_equal(back, seed_graph)  # nodes, edges and their data, seen through networkx
    some = next(iter(seed_graph))
    assert sorted(back.in_edges(some, keys=True)) == sorted(seed_graph.in_edges(some, keys=True))
    assert back.nodes[some]["provenance"] == seed_graph.nodes[some]["provenance"]


@pytest.mark.parametrize("damage", ["edge to an unknown node", "unknown provenance record", "node without an IRI", "edges not a list"])
def test_a_damaged_graph_file_is_one_clear_error(seed_graph, damage):
    data = json.loads(dumps(seed_graph))
    if damage == "edge to an unknown node":
        data["edges"][0]["target"] = "https://example.org/nowhere"
    elif damage == "unknown provenance record":
        data["nodes"][0]["provenance"] = [len(data["provenance"]) + 5]
    elif damage == "node without an IRI":
        del data["nodes"][0]["iri"]
    else:
        data["edges"] = 7
    with pytest.raises(PolicyKGError, match=r"damaged policykg graph file .*rebuild it with `policykg build`"):
        loads(json.dumps(data))


class _Node:
    pass


def test_objects_made_with_the_collector_paused_are_not_scanned_again_but_still_collected():
    """``paused_gc`` hands what was made meanwhile to the oldest generation: the next young
    collection does not rescan a whole new graph, and a cycle dropped later is still freed."""
    assert gc.isenabled()
    with gc_pauses_allowed(), paused_gc():
        made = [[n] for n in range(50_000)]  # lists: always tracked by the collector
        cycle = _Node()
        cycle.me = cycle
        watch = weakref.ref(cycle)
        assert not gc.isenabled()
    assert gc.isenabled()
    young = {id(thing) for generation in (0, 1) for thing in gc.get_objects(generation=generation)}
    assert not any(id(thing) in young for thing in made)  # else young collections scan the 50,000 again
    del cycle, made
    gc.collect()
    assert watch() is None
