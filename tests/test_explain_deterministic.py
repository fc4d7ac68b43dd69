"""An explanation quoting one of several shared quotes names the same quote in every process: the choice
must not follow the hash seed (two runs of the same inputs publish the same tables)."""
import subprocess
import sys

SCRIPT = """
from pipeline.reconcile.explain import one_quote
from pipeline.records import Statement

def s(i, value, doc, quote):
    return Statement(id=i, model="m-1", metric="latency", tier="default", setting=None, unit="s", value=value,
                     value_high=None, value_text=None, lo=value, hi=value, doc_id=doc, quote=quote)

quotes = [f"row {n}: 0.4 s first token, 1.9 s full answer" for n in range(12)]
a = [s(f"a{n}", 0.4, f"doc-{n}", q) for n, q in enumerate(quotes)]
b = [s(f"b{n}", 1.9, f"doc-{n}", q) for n, q in enumerate(quotes)]
print(one_quote(a, b, None)[1])
"""


def _explanation(seed: str) -> str:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True,
                          env={"PYTHONHASHSEED": seed, "PATH": ""})
    return done.stdout


def test_shared_quote_explanation_is_the_same_whatever_the_hash_seed():
    explanations = {_explanation(seed) for seed in ("1", "2", "3", "4", "5", "6")}
    assert len(explanations) == 1
    assert "row 0:" in explanations.pop()
