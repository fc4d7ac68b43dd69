"""One job that runs everything (and the same on the multiprocess executor), a sensor that runs it when files under
SOURCES_DIR change, and a daily schedule that re-fetches URL sources."""
import hashlib
import json

import dagster as dg

from pipeline.config import reference_dir, sources_dir
from pipeline.ingest.claims_file import list_claims_files
from pipeline.ingest.sources import list_sources
from pipeline.reviews import REVIEWS_FILE

everything = dg.define_asset_job(
    "everything", selection=dg.AssetSelection.all(),
    description="Every asset and check: ingest, extract, reconcile, publish.")

everything_multiprocess = dg.define_asset_job(
    "everything_multiprocess", selection=dg.AssetSelection.all(), executor_def=dg.multiprocess_executor,
    description="The same, each step in a process of its own (Dagster's multiprocess executor): the way the "
                "job runs on a cluster executor. Steps that write the warehouse take its lock in turn "
                "(docs/scale.md).")


def sources_fingerprint(folder) -> dict[str, list[int]]:
    """Size and modification time of every input a run reads from the sources
    folder: articles, claims files, sources.yaml and the reviewer's decisions."""
    files = [folder / ref.location for ref in list_sources(folder, exclude=reference_dir()) if ref.kind == "file"]
    files += list_claims_files(folder) + [folder / "sources.yaml", folder / REVIEWS_FILE]
    seen = {}
    for path in files:
        if path.is_file():
            stat = path.stat()
            seen[path.relative_to(folder).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return seen


@dg.sensor(job=everything, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Requests a run when an article, claims file, sources.yaml or reviews.yaml under "
                       "SOURCES_DIR is added, changed or removed.")
def sources_changed(context: dg.SensorEvaluationContext):
    if not sources_dir().is_dir():
        return dg.SkipReason(f"sources folder {sources_dir()} does not exist (SOURCES_DIR)")
    current = sources_fingerprint(sources_dir())
    cursor = json.loads(context.cursor) if context.cursor else {"runs": 0, "files": None}
    previous = cursor.get("files") if "runs" in cursor else cursor  # cursors written before the counter
    if previous == current:
        return dg.SkipReason("no article added, changed or removed")
    changed = sorted(k for k in set(current) | set(previous or {}) if (previous or {}).get(k) != current.get(k))
    runs = cursor.get("runs", 0) + 1
    context.update_cursor(json.dumps({"runs": runs, "files": current}, sort_keys=True))
    # the counter makes every change a new run key, also a change back to an earlier state
    digest = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:12]
    return dg.RunRequest(run_key=f"{runs}-{digest}", tags={"changed_sources": ", ".join(changed)[:500]})


daily_refresh = dg.ScheduleDefinition(
    name="daily_url_refresh", job=everything, cron_schedule="0 6 * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Re-fetches the URL sources every morning; unchanged sources are skipped.")
