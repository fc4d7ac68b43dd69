"""Where things live. Every entry point (Dagster, CLI, tests) asks here, so
WAREHOUSE_DIR, SOURCES_DIR and REFERENCE_DIR move the whole product."""
import os
import re
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
# DuckDB's own default memory limit is 80% of RAM, and a connection keeps what its buffer pool cached until it
# closes: the warehouse's connections get this limit instead, and spill larger sorts and joins to disk.
DEFAULT_MEMORY_LIMIT = "1GB"
_MEMORY = re.compile(r"\d+(\.\d+)?\s*([KMGT]i?B|bytes)", re.IGNORECASE)


def duckdb_memory_limit() -> str:
    """DUCKDB_MEMORY_LIMIT: the most DuckDB's buffer pool takes per warehouse connection (default 1GB; '500MB',
    '2GiB', ...). A value DuckDB would not read stops with its name rather than silently lifting the limit."""
    value = os.environ.get("DUCKDB_MEMORY_LIMIT", "").strip()
    if not value:
        return DEFAULT_MEMORY_LIMIT
    if not _MEMORY.fullmatch(value):
        raise ValueError(f"DUCKDB_MEMORY_LIMIT={value!r} is not a memory size such as 1GB or 500MB")
    return value


def duckdb_config(database: str | Path) -> dict:
    """The settings of a connection to the warehouse file `database`: its storage format, the memory limit, and
    where queries larger than the limit spill (DATABASE.tmp beside it, DuckDB's own choice made explicit)."""
    return {**DUCKDB_CONFIG, "memory_limit": duckdb_memory_limit(), "temp_directory": f"{database}.tmp"}


def database_path() -> Path:
    return warehouse_dir() / "claims.duckdb"


def reports_dir() -> Path:
    return warehouse_dir() / "reports"


def _number(name: str, default: float) -> float:
    """A positive number from the environment, else the default (a typo must not lift a limit)."""
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def max_source_bytes() -> int:
    """MAX_SOURCE_BYTES: the largest file or URL body ingested (default 10 MiB)."""
    return int(_number("MAX_SOURCE_BYTES", 10 * 1024 * 1024))


def max_html_chars() -> int:
    """MAX_HTML_CHARS: the largest HTML page reduced to text (default 3 million characters, about 4 s)."""
    return int(_number("MAX_HTML_CHARS", 3_000_000))


def url_deadline_seconds() -> float:
    """URL_DEADLINE_SECONDS: all the time one URL gets, retries and slow bodies included (default 30)."""
    return _number("URL_DEADLINE_SECONDS", 30.0)


def url_workers() -> int:
    """URL_WORKERS: URLs fetched at once (default 20)."""
    return int(_number("URL_WORKERS", 20))


def build_path(published: str | Path) -> Path:
    """The working copy runs write, beside the published database (claims.build.duckdb)."""
    published = Path(published)
    return published.with_name(f"{published.stem}.build{published.suffix or '.duckdb'}")


def warehouse_lock_timeout() -> float:
    """WAREHOUSE_LOCK_TIMEOUT: seconds a run waits for another run to finish with the warehouse (default 3600)."""
    return _number("WAREHOUSE_LOCK_TIMEOUT", 3600.0)
