"""bench-pipeline runs the real job through Dagster in a child process per phase and reports,
per step, seconds, CPU seconds, peak memory and rows; the growth table compares scales against linear,
in wall and in CPU seconds (wall seconds stretch on a shared machine, CPU seconds do not)."""
from pipeline.bench_pipeline import bench_scale, growth_table, phase_table


def test_two_phases_on_a_small_corpus_report_every_step(tmp_path, capsys):
    results = bench_scale(3, keep=tmp_path, phases=("first", "no-change"))
    first, again = results["first"], results["no-change"]
    steps = {s["step"]: s for s in first["steps"]}
    assert {"documents", "claims", "vocabulary"} <= steps.keys()
    assert steps["documents"]["rows"] == 3 and steps["claims"]["rows"] > 100
    assert all(s["seconds"] >= 0 and s["peak_mb"] > 50 for s in first["steps"])
    assert steps["claims"]["cpu_seconds"] > 0 and first["cpu_seconds"] >= steps["claims"]["cpu_seconds"]
    assert first["corpus_seconds"] > 0
    assert first["peak_mb"] >= max(s["peak_mb"] for s in first["steps"])
    assert {s["step"]: s["rows"] for s in again["steps"]}["claims"] == steps["claims"]["rows"]
    assert "| documents |" in phase_table(3, "first", first) and "no-change run" in capsys.readouterr().out
    assert "CPU-s" in phase_table(3, "first", first) and "corpus prepared in" in phase_table(3, "first", first)


def test_growth_is_measured_against_linear():
    def run(seconds):
        return {"first": {"job_seconds": seconds * 2, "steps": [{"step": "claims", "seconds": seconds}]}}

    table = growth_table({1000: run(10.0), 3000: run(45.0)})
    assert "| claims | 10.00 | 45.00 | 1.50x |" in table and "| (job) | 20.00 | 90.00 | 1.50x |" in table


def test_growth_in_cpu_seconds_has_its_own_table():
    def run(cpu):
        return {"first": {"cpu_seconds": cpu * 3, "steps": [{"step": "claims", "seconds": 1.0, "cpu_seconds": cpu}]}}

    table = growth_table({1000: run(4.0), 10000: run(48.0)}, "cpu_seconds", "cpu_seconds")
    assert "in CPU seconds" in table and "| claims | 4.00 | 48.00 | 1.20x |" in table
    assert "| (job) | 12.00 | 144.00 | 1.20x |" in table
