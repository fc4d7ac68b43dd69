"""A snapshot of the whole asset graph (keys, deps, groups, kinds, owners,
tags, checks) against tests/asset_graph.json: a change to the graph fails
with a readable diff; rerun with UPDATE_GRAPH_SNAPSHOT=1 to accept it."""
from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

EXPECTED = Path(__file__).with_name("asset_graph.json")


def graph_snapshot(defs) -> dict:
    graph = defs.resolve_asset_graph()
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        assets[key.to_user_string()] = {
            "deps": sorted(k.to_user_string() for k in node.parent_keys),
            "group": node.group_name,
            "kinds": sorted(node.kinds),
            "owners": sorted(node.owners),
            "tags": dict(sorted(node.tags.items())),
            "executable": node.is_executable,
            "checks": sorted(k.name for k in node.check_keys),
        }
    checks = {}
    for check_key in sorted(graph.asset_check_keys, key=lambda k: (k.asset_key.to_user_string(), k.name)):
        spec = graph.get_check_spec(check_key)
        checks[f"{check_key.asset_key.to_user_string()}:{check_key.name}"] = {"blocking": spec.blocking}
    return {"assets": assets, "checks": checks}


def _text(snapshot: dict) -> str:
    return json.dumps(snapshot, indent=1, sort_keys=True) + "\n"


def test_the_asset_graph_matches_its_snapshot():
    from pipeline.definitions import defs

    actual = _text(graph_snapshot(defs))
    if os.environ.get("UPDATE_GRAPH_SNAPSHOT"):
        EXPECTED.write_text(actual, encoding="utf-8")
    expected = EXPECTED.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "tests/asset_graph.json", "the loaded definitions"))
    assert not diff, "the asset graph changed (UPDATE_GRAPH_SNAPSHOT=1 to accept):\n" + diff


def test_the_snapshot_records_what_a_graph_declares():
    """The snapshot is not blind: a small graph's deps, group, kinds and check show in it."""
    import dagster as dg

    @dg.asset(group_name="g", kinds={"duckdb"})
    def upstream():
        return None

    @dg.asset(deps=[upstream], group_name="h")
    def downstream():
        return None

    @dg.asset_check(asset=downstream, blocking=True)
    def non_empty():
        return dg.AssetCheckResult(passed=True)

    snapshot = graph_snapshot(dg.Definitions(assets=[upstream, downstream], asset_checks=[non_empty]))
    assert snapshot["assets"]["downstream"]["deps"] == ["upstream"]
    assert snapshot["assets"]["upstream"]["kinds"] == ["duckdb"]
    assert snapshot["assets"]["downstream"]["checks"] == ["non_empty"]
    assert snapshot["checks"] == {"downstream:non_empty": {"blocking": True}}
