from pathlib import Path

from tollbook.book import Casebook


def test_add_and_verify(book: Casebook, tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("At least 12 civilians were killed.")
    result = book.sources.add(path)
    assert result.source_id == 1 and not result.duplicate
    assert book.audit.verify().ok
