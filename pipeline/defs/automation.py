"""One job that runs everything, a sensor that runs it when files under
SOURCES_DIR change, and a daily schedule that re-fetches URL sources."""
import hashlib
import json

import dagster as dg

from pipeline.config import reference_dir, sources_dir
from pipeline.ingest.sources import list_sources

everything = dg.define_asset_job(
    "everything", selection=dg.AssetSelection.all(),
    description="Every asset and check: ingest, extract, reconcile, publish.")


def sources_fingerprint(folder) -> dict[str, list[int]]:
    """Size and modification time of every article file and sources.yaml."""
    seen = {}
    for ref in list_sources(folder, exclude=reference_dir()):
        if ref.kind == "file":
            stat = (folder / ref.location).stat()
            seen[ref.location] = [stat.st_size, stat.st_mtime_ns]
    url_list = folder / "sources.yaml"
    if url_list.exists():
        stat = url_list.stat()
        seen["sources.yaml"] = [stat.st_size, stat.st_mtime_ns]
    return seen


@dg.sensor(job=everything, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Requests a run when an article under SOURCES_DIR is added, changed or removed.")
def sources_changed(context: dg.SensorEvaluationContext):
    if not sources_dir().is_dir():
        return dg.SkipReason(f"sources folder {sources_dir()} does not exist (SOURCES_DIR)")
    current = sources_fingerprint(sources_dir())
    previous = json.loads(context.cursor) if context.cursor else None
    if previous == current:
        return dg.SkipReason("no article added, changed or removed")
    changed = sorted(k for k in set(current) | set(previous or {}) if (previous or {}).get(k) != current.get(k))
    context.update_cursor(json.dumps(current, sort_keys=True))
    run_key = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:16]
    return dg.RunRequest(run_key=run_key, tags={"changed_sources": ", ".join(changed)[:500]})


daily_refresh = dg.ScheduleDefinition(
    name="daily_url_refresh", job=everything, cron_schedule="0 6 * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Re-fetches the URL sources every morning; unchanged sources are skipped.")
