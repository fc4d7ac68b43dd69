"""One small wrapper around Great Expectations 1.x (dagster-ge supports only
GX < 1.0, and GX 1.x has no working DuckDB source): a suite from
expectations/NAME.json is validated against a pandas frame that
sql/quality/*_frame.sql reads from DuckDB, through GX's pandas data source in
an in-memory (ephemeral) context. No Data Docs and no files: the results
live in `validation_results` and the report's "Data checks" section, while
Data Docs loaded jQuery and Bootstrap from CDNs (blank offline) and kept
every run's pages forever."""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache

import duckdb
import pandas as pd

from pipeline.config import EXPECTATIONS_DIR
from pipeline.store.sqlfiles import run_sql

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
logging.getLogger("great_expectations").setLevel(logging.ERROR)
# GX itself is imported on the first validation, not with this module: importing it takes seconds (more than
# the rest of the pipeline's imports together), and a run whose checks all reuse their stored outcomes needs none

# the column naming each row of a suite's frame, so a failing expectation names its rows
ID_COLUMNS = {"claims": "claim_id", "reference_facts": "ref_id", "reconciled_facts": "fact_key",
              "cross_source_consistency": "conflict_id", "conflict_values": "value_key", "source_dependence": "pair",
              "reviews": "review_id"}
MAX_IDS = 200


@dataclass
class ExpectationOutcome:
    suite: str
    expectation: str
    table_name: str
    success: bool
    severity: str
    unexpected_count: int | None
    details: dict


@dataclass
class SuiteOutcome:
    suite: str
    table_name: str
    outcomes: list[ExpectationOutcome]
    # a suite validated by keyed batches (pipeline/quality/keyed.py): every batch's (inputs, outcome), to be
    # stored with it, and how many of them were validated now (the others were reused)
    batches: dict = field(default_factory=dict, repr=False, compare=False)
    validated: int | None = field(default=None, compare=False)

    @property
    def critical_failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity == "critical"]

    @property
    def warnings(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity != "critical"]


def suite_text(name: str) -> str:
    return (EXPECTATIONS_DIR / f"{name}.json").read_text(encoding="utf-8")


def load_suite_file(name: str) -> dict:
    return json.loads(suite_text(name))


def read_frame(con: duckdb.DuckDBPyConnection, suite: dict) -> pd.DataFrame:
    return run_sql(con, suite["meta"]["frame"]).fetchdf()


@lru_cache(maxsize=1)
def _context():
    """One in-memory GX context per process, without Data Docs sites or progress bars."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    for site in [s["site_name"] for s in context.get_docs_sites_urls()]:
        context.delete_data_docs_site(site)
    context.data_sources.add_or_update_pandas("warehouse")  # made once: making it again drops its assets
    return context


@lru_cache(maxsize=None)
def _batch_definition(name: str):
    """The suite's data: a whole pandas frame, given at each validation."""
    source = _context().data_sources.get("warehouse")
    asset = next((a for a in source.assets if a.name == name), None) or source.add_dataframe_asset(name)
    return next((b for b in asset.batch_definitions if b.name == "whole"), None) or \
        asset.add_batch_definition_whole_dataframe("whole")


@lru_cache(maxsize=None)
def _suite(name: str, text: str):
    """The suite built once per content of its file."""
    import great_expectations as gx

    spec = json.loads(text)
    return gx.ExpectationSuite(name=name, expectations=spec["expectations"], meta=spec.get("meta", {}))


def validate(name: str, frame: pd.DataFrame) -> SuiteOutcome:
    """Runs one suite on `frame` through GX's Batch.validate: the results are returned, not stored (a
    checkpoint serialised every result, each failing row's id included, into its results store: half the time)."""
    text = suite_text(name)
    spec = json.loads(text)
    batch = _batch_definition(name).get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(_suite(name, text), result_format=_result_format(name, frame))
    table = spec["meta"]["table"]
    id_column = _id_column(name, frame)
    outcomes = []
    for item in result.results:
        config = item.expectation_config
        column = config.kwargs.get("column") or f"{config.kwargs.get('column_A')}={config.kwargs.get('column_B')}"
        outcomes.append(ExpectationOutcome(
            suite=name, expectation=f"{config.type}({column})", table_name=table, success=bool(item.success),
            severity=str(getattr(config, "severity", "critical")).split(".")[-1].lower(),
            unexpected_count=item.result.get("unexpected_count"),
            details={"unexpected_ids": _unexpected_ids(item.result, id_column),
                     "partial_unexpected_list": _jsonable(item.result.get("partial_unexpected_list", [])[:5]),
                     "element_count": item.result.get("element_count"), "meta": config.meta or {}},
        ))
    return SuiteOutcome(name, table, outcomes)


def _id_column(name: str, frame: pd.DataFrame) -> str | None:
    column = ID_COLUMNS.get(name)
    return column if column in frame.columns else None


def _result_format(name: str, frame: pd.DataFrame) -> dict:
    """COMPLETE with the id column, so each failure lists the ids of its rows."""
    column = _id_column(name, frame)
    if column is None:
        return {"result_format": "SUMMARY", "partial_unexpected_count": 5}
    return {"result_format": "COMPLETE", "unexpected_index_column_names": [column], "partial_unexpected_count": 5}


def _unexpected_ids(result: dict, column: str | None) -> list:
    rows = result.get("unexpected_index_list") or []
    ids = [row.get(column) if isinstance(row, dict) else row for row in rows] if column else []
    return _jsonable(ids[:MAX_IDS])


def _jsonable(values):
    return [v if isinstance(v, (str, int, float, bool, type(None))) else str(v) for v in values or []]

