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
