"""The chosen value's derived facts are worked out once per conflict
(explain.Group): each dissenting value must get the explanation it gets
against a plain list of the same statements, whatever the order of values."""
import itertools

from pipeline.reconcile.explain import ClaimIndex, Evidence, Group, explain
from pipeline.reconcile.statements import statement


def _claim(cid: str, doc: str, value: float, quote: str, setting: str | None = None):
    return statement(id=cid, model="mistral-large", metric="score:hellaswag", tier="standard", setting=setting,
                     unit="%", value=value, value_high=None, value_text=None, doc_id=doc, source=f"{doc}.example",
                     quote=quote)


CHOSEN = [_claim(f"c{i}", f"d{i}", 84.0, f"Mean accuracy on HellaSwag is 84.0 (run {i})") for i in range(4)]
TWIN = _claim("t1", "d9", 71.0, "HellaSwag 10-shot: 71.0", setting="10-shot")
DISSENTING = [
    [_claim("x1", "d5", 79.0, "Lowest HellaSwag score reached: minimum 79.0")],  # another statistic
    [_claim("x2", "d6", 71.0, "HellaSwag: 71.0")],  # another setting's score (the twin)
    [_claim("x3", "d7", 60.0, "Mean HellaSwag accuracy of 60.0")],  # the same statistic: unexplained
    [_claim("x4", "d0", 90.0, "Mean accuracy on HellaSwag is 84.0 (run 0)")],  # one quote states both
]


def _evidence() -> Evidence:
    own = CHOSEN + [TWIN] + [s for group in DISSENTING for s in group]
    return Evidence([], [], set(), own, {}, [], ClaimIndex(own))


def test_a_group_gives_each_value_the_explanation_a_plain_list_gives():
    expected = [explain(a, list(CHOSEN), _evidence()) for a in DISSENTING]
    assert [kind for kind, _ in expected] == ["eval_setting", "eval_setting", "unexplained", "eval_setting"]
    for order in itertools.permutations(range(len(DISSENTING))):
        chosen = Group(CHOSEN)  # one per conflict, read by every dissenting value in turn
        got = {i: explain(DISSENTING[i], chosen, _evidence()) for i in order}
        assert [got[i] for i in range(len(DISSENTING))] == expected
