"""The Dagster code location: every definition under pipeline/defs/, loaded
by `dg.load_from_defs_folder` (pyproject's [tool.dg] root_module), with the
project's owners, tags and code references on every asset. `dg dev`,
`dg launch`, `claims-warehouse run` and the dagster CLI
(`dagster definitions validate -m pipeline.definitions`) all load it."""
from __future__ import annotations

import importlib
import warnings
from pathlib import Path

import dagster as dg

from pipeline.config import CHECKOUT, PROJECT_ROOT
from pipeline.defs.tables import OWNERS


def _own(spec: dg.AssetSpec) -> dg.AssetSpec:
    return spec.replace_attributes(owners=OWNERS, tags={**spec.tags, "layer": "warehouse"})


def _loaded() -> dg.Definitions:
    """From the checkout, the folder pyproject names; an installed package has
    no pyproject, so its defs module is loaded with the package as the root."""
    if CHECKOUT:
        return dg.load_from_defs_folder(path_within_project=PROJECT_ROOT)
    from dagster.components.core.component_tree import ComponentTree

    return ComponentTree.from_module(defs_module=importlib.import_module("pipeline.defs"),
                                     project_root=Path(__file__).resolve().parent).build_defs()


def _thin(loaded: dg.Definitions) -> dg.Definitions:
    """The loaded definitions, each executable asset owned, tagged and pointing at its code."""
    assets = list(loaded.assets or [])
    executable = [a for a in assets if isinstance(a, dg.AssetsDefinition) and a.is_executable]
    others = [a for a in assets if a not in executable]
    with warnings.catch_warnings():  # code references are beta; `dg list defs` must stay free of warnings
        warnings.simplefilter("ignore", dg.BetaWarning)
        owned = dg.with_source_code_references(dg.map_asset_specs(_own, executable))
    return dg.Definitions(assets=owned + others, asset_checks=loaded.asset_checks, jobs=loaded.jobs,
                          sensors=loaded.sensors, schedules=loaded.schedules, resources=loaded.resources,
                          executor=loaded.executor, component_tree=loaded.component_tree)


defs = _thin(_loaded())
