"""The job `everything_multiprocess` (Dagster's multiprocess executor: each step in
its own process), importable by those processes: `dg.reconstructable(multiprocess_job)`."""
import dagster as dg


def multiprocess_job() -> dg.JobDefinition:
    from pipeline.definitions import defs

    return defs.resolve_job_def("everything_multiprocess")
