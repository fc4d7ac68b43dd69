"""The design rules of extraction v2, read from its modules' syntax trees: no
word lists in Python literals (words live in the data files), no character
windows (windows are counted in tokens, in data), no function over 40 lines."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

V2 = Path(__file__).resolve().parents[1] / "pipeline" / "extract" / "v2"
MODULES = sorted(V2.glob("*.py"))
_WORDY = re.compile(r"[A-Za-z\u4e00-\u9fff]{2,}")
_ALTERNATION = re.compile(r"[A-Za-z\u4e00-\u9fff]{2,}\\?\s*\|\s*\(?[A-Za-z\u4e00-\u9fff]{2,}")
_WINDOW_NAME = re.compile(r"REACH|WINDOW|WIDTH|CHARS|_SPAN$", re.IGNORECASE)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _strings(node: ast.AST) -> list[str]:
    return [e.value for e in getattr(node, "elts", []) if isinstance(e, ast.Constant) and isinstance(e.value, str)]


def test_the_v2_package_is_there():
    assert len(MODULES) >= 8


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_no_word_lists_in_literals(path):
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            words = [s for s in _strings(node) if _WORDY.search(s)]
            if len(words) >= 3:
                found.append((node.lineno, words))
        if isinstance(node, ast.Dict) and sum(bool(isinstance(v, ast.Constant) and isinstance(v.value, str)
                                                   and _WORDY.search(v.value)) for v in node.values) >= 3:
            found.append((node.lineno, "dict of words"))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _ALTERNATION.search(node.value):
            found.append((node.lineno, node.value[:60]))
    assert not found, f"{path.name}: words belong in data/cues.*.yaml: {found}"


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_no_character_windows(path):
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Slice):
            for bound in (node.lower, node.upper):
                if isinstance(bound, ast.BinOp) and any(isinstance(x, ast.Constant) and isinstance(x.value, int)
                                                        and x.value > 1 for x in (bound.left, bound.right)):
                    found.append((node.lineno, "slice by a character count"))
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, int):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            found += [(node.lineno, n) for n in names if _WINDOW_NAME.search(n)]
    assert not found, f"{path.name}: windows are counted in tokens, in data: {found}"


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_no_function_over_40_lines(path):
    long = [(n.name, n.end_lineno - n.lineno + 1) for n in ast.walk(_tree(path))
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > 40]
    assert not long, f"{path.name}: {long}"


def test_the_checks_catch_what_they_forbid(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('WORDS = ["input", "output", "prompt"]\nREACH = 40\ndef f(t, i):\n    return t[i - 12:i]\n')
    with pytest.raises(AssertionError):
        test_no_word_lists_in_literals(bad)
    with pytest.raises(AssertionError):
        test_no_character_windows(bad)
