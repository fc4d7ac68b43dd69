"""The job `everything` on Dagster's multiprocess executor (each step in its own
process), importable by those processes: `dg.reconstructable(multiprocess_job)`."""
import dagster as dg


def multiprocess_job() -> dg.JobDefinition:
    from pipeline.definitions import defs

    job = dg.define_asset_job("everything_multiprocess", selection=dg.AssetSelection.all(),
                              executor_def=dg.multiprocess_executor)
    return dg.Definitions(assets=list(defs.assets), asset_checks=list(defs.asset_checks), jobs=[job],
                          resources=defs.resources).resolve_job_def("everything_multiprocess")
