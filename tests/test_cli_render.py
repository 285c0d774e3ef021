"""How query results print: rich boxes for a screenful, aligned plain text for thousands of rows."""

from __future__ import annotations

from kg.cli_common import PLAIN_TABLE_ROWS, render


def rows(n: int) -> list[dict]:
    return [{"id": f"station:s{i:05d}", "name_zh": "甲海智工作站" if i % 2 else "B", "score": i / 3} for i in range(n)]


def test_a_screenful_is_a_boxed_table():
    text = render(rows(3), "table")
    assert "┃" in text and "甲海智工作站" in text


def test_thousands_of_rows_are_plain_aligned_text_with_every_row():
    n = PLAIN_TABLE_ROWS + 1
    lines = render(rows(n), "table", title="501 rows").splitlines()
    assert lines[0] == "501 rows" and len(lines) == 1 + 2 + n
    assert lines[1].split() == ["id", "name_zh", "score"]
    # wide characters count twice: the score column starts at the same screen column on every row
    from rich.cells import cell_len

    starts = {cell_len(line[: line.rindex("  ") + 2]) for line in lines[3:]}
    assert starts == {cell_len("station:s00000  甲海智工作站  ")}
    assert lines[3].endswith("0") and lines[-1].startswith(f"station:s{n - 1:05d}") and lines[-1].endswith("166.667")
