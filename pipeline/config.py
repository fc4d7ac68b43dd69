"""Where things live. Every entry point (Dagster, CLI, tests) asks here, so
WAREHOUSE_DIR, SOURCES_DIR and REFERENCE_DIR move the whole product."""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"


def warehouse_dir() -> Path:
    return Path(os.environ.get("WAREHOUSE_DIR") or PROJECT_ROOT / "warehouse")


def sources_dir() -> Path:
    return Path(os.environ.get("SOURCES_DIR") or PROJECT_ROOT / "sources")


def reference_dir() -> Path:
    """The project's own versioned snapshots unless REFERENCE_DIR says
    otherwise: moving SOURCES_DIR to another folder of articles must not
    silently drop every reference fact."""
    return Path(os.environ.get("REFERENCE_DIR") or PROJECT_ROOT / "sources" / "reference")


def database_path() -> Path:
    return warehouse_dir() / "claims.duckdb"


def reports_dir() -> Path:
    return warehouse_dir() / "reports"
