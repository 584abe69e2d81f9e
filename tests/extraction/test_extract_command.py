"""``tollbook extract PATH... --format jsonl``: the contract independent checks rely on (no casebook)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tollbook.cli.main import app

runner = CliRunner()
FIELDS = {
    "count",
    "count_max",
    "qualifier",
    "outcome",
    "category",
    "group",
    "historical",
    "place",
    "date",
    "source",
    "perpetrator",
    "span",
    "start",
    "end",
    "doc",
}
TEXT = "At least 12 civilians were killed and 30 injured in Banyas, the Syrian Observatory for Human Rights said."


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_text_file_gives_one_object_per_claim(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = _lines(result.output)
    assert [set(r) for r in rows] == [FIELDS, FIELDS]
    assert [(r["count"], r["outcome"], r["qualifier"]) for r in rows] == [
        (12, "killed", "at_least"),
        (30, "injured", "at_least"),
    ]
    assert all(r["doc"] == str(path) and TEXT[r["start"] : r["end"]] == r["span"] for r in rows)
    assert rows[0]["place"] == ["Banyas"]


def test_jsonl_collection_uses_ids_and_stdin_works(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [{"id": "x1", "text": TEXT}, {"id": "x2", "text": "The budget rose by 40 million dollars."}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert {r["doc"] for r in _lines(result.output)} == {"x1"}
    result = runner.invoke(app, ["extract", "-", "--format", "jsonl"], input="Two soldiers were killed.")
    assert [(r["doc"], r["count"], r["category"]) for r in _lines(result.output)] == [("-", 2, "security_forces")]


def test_html_and_markdown_are_read(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(f"<html><body><article><p>{TEXT}</p></article></body></html>", encoding="utf-8")
    note = tmp_path / "n.md"
    note.write_text(f"# Update\n\n{TEXT}\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page), str(note), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert sorted({r["doc"] for r in _lines(result.output)}) == sorted([str(page), str(note)])


def test_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    assert runner.invoke(app, ["extract", str(tmp_path / "missing.txt")]).exit_code == 2
    broken = tmp_path / "b.jsonl"
    broken.write_text('{"id": 1, "text": "ok"}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(broken), "--format", "jsonl"])
    assert result.exit_code == 2 and "b.jsonl:2" in result.output
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert runner.invoke(app, ["extract", str(binary)]).exit_code == 2
    empty = tmp_path / "e.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(empty), "--format", "jsonl"])
    assert result.exit_code == 0 and result.output == ""
    assert runner.invoke(app, ["extract"]).exit_code == 2


def test_table_is_the_default(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0 and "Claims" in result.output
