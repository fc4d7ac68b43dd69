"""Where things live. Every entry point (Dagster, CLI, tests) asks here, so
WAREHOUSE_DIR, SOURCES_DIR and REFERENCE_DIR move the whole product."""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# A checkout reads the repository's own folders; an installed package (pip
# install ., a wheel) reads the copies setup.py put in pipeline/_data and works
# in the current directory.
CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "sql").is_dir()
_PACKAGED = Path(__file__).resolve().parent / "_data"
SQL_DIR = PROJECT_ROOT / "sql" if CHECKOUT else _PACKAGED / "sql"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations" if CHECKOUT else _PACKAGED / "expectations"
_OWN_REFERENCE = PROJECT_ROOT / "sources" / "reference" if CHECKOUT else _PACKAGED / "reference"


def _home() -> Path:
    return PROJECT_ROOT if CHECKOUT else Path.cwd()


def warehouse_dir() -> Path:
    return Path(os.environ.get("WAREHOUSE_DIR") or _home() / "warehouse")


def sources_dir() -> Path:
    return Path(os.environ.get("SOURCES_DIR") or _home() / "sources")


def reference_dir() -> Path:
    """The project's own versioned snapshots unless REFERENCE_DIR says
    otherwise: moving SOURCES_DIR to another folder of articles must not
    silently drop every reference fact."""
    return Path(os.environ.get("REFERENCE_DIR") or _OWN_REFERENCE)


# Every connection that may create or write the DuckDB file passes this: the
# file is then written in a storage format DuckDB 1.x (CLI, DBeaver, ...) reads.
STORAGE_VERSION = "v1.0.0"
DUCKDB_CONFIG = {"storage_compatibility_version": STORAGE_VERSION}


def database_path() -> Path:
    return warehouse_dir() / "claims.duckdb"


def reports_dir() -> Path:
    return warehouse_dir() / "reports"
