"""Which encoding a CSV is read in when the bytes are valid both ways.

Short GBK text can be valid UTF-8, and UTF-8 text in Cyrillic, Greek or with a
lone combining accent can be valid GB18030. The guesses below were worked out
byte by byte (see ``ingest.readers._looks_like_gbk``).
"""

from __future__ import annotations

import pytest

from ingest.readers import read_table


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        # UTF-8 that GB18030 would also read, as Chinese: stays UTF-8
        ("Київ", "utf-8", ("Київ", "utf-8")),
        ("банк", "utf-8", ("банк", "utf-8")),  # every byte pair is even in GB2312 (D0 B1 ...): one script decides
        ("Ελλάδα", "utf-8", ("Ελλάδα", "utf-8")),
        ("Ηράκλειο", "utf-8", ("Ηράκλειο", "utf-8")),
        ("שלום", "utf-8", ("שלום", "utf-8")),
        ("e\u0301", "utf-8", ("e\u0301", "utf-8")),  # found by fuzzing: once read as GB18030 'e虂'
        ("Café Łódź", "utf-8", ("Café Łódź", "utf-8")),
        ("石墨烯", "utf-8", ("石墨烯", "utf-8")),
        # GBK that is also valid UTF-8 ('ʯīϩ': IPA, Latin and Coptic mixed): read as GBK
        ("石墨烯", "gbk", ("石墨烯", "gb18030")),
        # GBK that is not valid UTF-8
        ("朱镕基", "gbk", ("朱镕基", "gb18030")),
        ("重庆市科协", "gbk", ("重庆市科协", "gb18030")),
    ],
)
def test_ambiguous_bytes_are_read_as_written(tmp_path, text, encoding, expected):
    p = tmp_path / "Organization.csv"
    p.write_bytes(f"id,name_en\norg:x,{text}\n".encode(encoding))
    t = read_table(p)
    assert (t.rows[0][1]["name_en"], t.encoding) == expected


def test_a_lone_gbk_character_that_is_valid_utf8_cannot_be_told_apart(tmp_path):
    # 协 in GBK is D0 AD, which is also UTF-8 for the Cyrillic letter Э: one script, so UTF-8 wins.
    p = tmp_path / "Organization.csv"
    p.write_bytes("id,name_en\norg:x,协\n".encode("gbk"))
    assert read_table(p).rows[0][1]["name_en"] == "Э"


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_nul_character_is_refused_with_its_row_and_field(tmp_path, suffix):
    # the engine stops reading a query at NUL: such a value could never be stored
    p = tmp_path / f"Organization{suffix}"
    body = ('[{"id": "org:x", "name_zh": "甲"}, {"id": "org:y", "aliases": ["ok", "bad\\u0000"]}]' if suffix == ".json"
            else '- id: org:x\n  name_zh: 甲\n- id: org:y\n  aliases: ["ok", "bad\\0"]\n')
    p.write_text(body, encoding="utf-8")
    from ingest.readers import ReadError

    with pytest.raises(ReadError, match=r"row 2, field 'aliases': contains a NUL character"):
        read_table(p)
