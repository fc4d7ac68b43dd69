"""claimreview.jsonld takes its old file's place by an atomic exchange of names (pipeline/report/assembly.py):
the new bytes under the name, no temporary file left, a reader of the old file keeps reading the old bytes, and
where the exchange is not available a plain rename does the same."""
import json

import pytest

from pipeline.report import assembly


def _parts(folder, texts):
    folder.mkdir(exist_ok=True)
    paths = []
    for n, text in enumerate(texts):
        paths.append(folder / f"{n}.jsonl")
        paths[-1].write_text(text, encoding="utf-8")
    return paths


def test_the_new_file_takes_the_old_ones_place_and_an_open_reader_keeps_the_old_bytes(tmp_path):
    path = tmp_path / "claimreview.jsonld"
    assembly.assemble(path, _parts(tmp_path / "a", ['{"identifier": "c1"}', '{"identifier": "c2"}']))
    old_inode = path.stat().st_ino
    with open(path, "rb") as reader:
        assembly.assemble(path, _parts(tmp_path / "b", ['{"identifier": "c3"}']))
        assert json.loads(reader.read())["@graph"] == [{"identifier": "c1"}, {"identifier": "c2"}]
    assert json.loads(path.read_text(encoding="utf-8"))["@graph"] == [{"identifier": "c3"}]
    assert path.stat().st_ino != old_inode and sorted(p.name for p in tmp_path.iterdir()) == [
        "a", "b", "claimreview.jsonld"]


def test_no_parts_make_an_empty_graph_and_a_missing_file_is_renamed_into_place(tmp_path):
    path = tmp_path / "out" / "claimreview.jsonld"
    assembly.assemble(path, [])
    assert json.loads(path.read_text(encoding="utf-8"))["@graph"] == []
    assert not path.with_suffix(".tmp").exists()


def test_exchange_swaps_two_names_here(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.write_text("1")
    second.write_text("2")
    if not assembly.exchange(first, second):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available on this system or filesystem")
    assert (first.read_text(), second.read_text()) == ("2", "1")


def test_without_the_exchange_a_rename_replaces_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(assembly, "_CALL", None)
    path = tmp_path / "claimreview.jsonld"
    path.write_text("old")
    temporary = tmp_path / "claimreview.tmp"
    temporary.write_text("new")
    assembly.swap_into_place(temporary, path)
    assert path.read_text() == "new" and not temporary.exists()


def test_an_exchange_the_system_refuses_for_another_reason_is_an_error(tmp_path):
    with pytest.raises(OSError):
        assembly.exchange(tmp_path / "missing", tmp_path / "also-missing")


def test_an_old_file_removed_before_the_exchange_is_simply_replaced(tmp_path, monkeypatch):
    path, temporary = tmp_path / "claimreview.jsonld", tmp_path / "claimreview.tmp"
    path.write_text("old")
    temporary.write_text("new")

    def removed_meanwhile(first, second):
        second.unlink()
        raise FileNotFoundError(2, "No such file or directory", str(second))

    monkeypatch.setattr(assembly, "exchange", removed_meanwhile)
    assembly.swap_into_place(temporary, path)
    assert path.read_text() == "new" and not temporary.exists()
