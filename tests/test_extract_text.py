"""kg extract's input side: encodings, HTML, sentences with offsets, and every
kind of bad input ending in one clear line (never a crash or a hang)."""

from __future__ import annotations

import os
import time

import pytest

from ingest.extract.pipeline import extract_text
from ingest.extract.sentences import split_sentences
from ingest.extract.text import ArticleError, article_from_bytes, read_article
from tests.conftest import run_kg

SAMPLE = "2022年,重庆市科协审批同意在西南大学设立重庆海智工作站。"


def test_utf8_gbk_and_utf16_read_the_same():
    for data, enc in ((SAMPLE.encode("utf-8"), "utf-8"), (SAMPLE.encode("gbk"), "gb18030"),
                      (SAMPLE.encode("utf-8-sig"), "utf-8-sig"), (SAMPLE.encode("utf-16"), "utf-16")):
        art = article_from_bytes(data)
        assert (art.text, art.encoding, art.html) == (SAMPLE, enc, False)


def test_html_page_scripts_and_styles_left_out():
    page = ("<!DOCTYPE html><html><head><title>标题</title><style>p{color:red}</style>"
            "<script>var s = '西南大学海智工作站';</script></head><body><div>"
            "<p>2022年,重庆市科协审批同意在西南大学设立重庆海智工作站。</p>"
            "<script type='text/javascript'>document.write('<p>假的大学</p>')</script>"
            "<p>第二段&nbsp;&amp;结束</p></div></body></html>")
    art = article_from_bytes(page.encode("gbk"))
    assert art.html is True
    assert art.text == "2022年,重庆市科协审批同意在西南大学设立重庆海智工作站。\n第二段 &结束"
    x = extract_text(art.text)
    assert x.names("Station") == ["西南大学海智工作站"]


def test_sentences_keep_exact_offsets():
    text = "“凝聚资源,责无旁贷。”重庆市科协国际合作部负责人说。\n\n仅2022年,设立12家。"
    ss = split_sentences(text)
    assert [(s.start, s.end, s.text) for s in ss] == [
        (0, 12, "“凝聚资源,责无旁贷。”"), (12, 27, "重庆市科协国际合作部负责人说。"), (29, 42, "仅2022年,设立12家。")]
    assert all(text[s.start:s.end] == s.text for s in ss)


def test_a_long_line_without_punctuation_is_cut_into_bounded_sentences():
    text = "重庆" * 5000
    ss = split_sentences(text)
    assert max(len(s.text) for s in ss) <= 300
    assert "".join(s.text for s in ss) == text


@pytest.mark.parametrize("data, message", [
    (b"", "is empty: there is no text to read"),
    (b"   \n\t\n", "is empty: there is no text to read"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "looks like a binary file (it contains NUL bytes), not an article"),
    (bytes(range(128, 256)) * 40, "is neither UTF-8 nor GBK/GB18030 text (a binary file?); save the article as UTF-8 text"),
    (b"<html><head><script>var a = 1;</script></head><body></body></html>",
     "has no readable text (the HTML holds only markup and scripts)"),
])
def test_bad_input_is_refused_with_one_line(data, message):
    with pytest.raises(ArticleError) as e:
        article_from_bytes(data)
    assert str(e.value) == message


def test_a_5mb_file_is_refused_fast(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(("重庆市科协审批同意在西南大学设立重庆海智工作站。" * 100_000).encode("utf-8"))
    assert p.stat().st_size > 5_000_000
    t0 = time.perf_counter()
    with pytest.raises(ArticleError) as e:
        read_article(p)
    assert time.perf_counter() - t0 < 5
    assert str(e.value) == (f"{p}: has 2,400,000 characters of text; kg extract reads articles of at most "
                            "400,000 (split it, or raise --max-chars)")


def test_a_5mb_html_page_of_scripts_is_read(tmp_path):
    script = "<script>" + "var x = '重庆大学';\n" * 250_000 + "</script>"
    page = f"<html><body>{script}<p>{SAMPLE}</p></body></html>"
    p = tmp_path / "page.html"
    p.write_text(page, encoding="utf-8")
    assert p.stat().st_size > 5_000_000
    art = read_article(p)
    assert art.text == SAMPLE


def test_mixed_scripts_do_not_break_the_rules():
    text = ("Chongqing CAST 🚀 Привет مرحبا 東京 2022年,重庆市科协审批同意在西南大学设立重庆海智工作站。"
            "김철수 ＡＢＣ有限公司 𠀀𠀁 ½ \t\u00a0 总经理Jean·Dupont说 。")
    x = extract_text(text)
    assert x.names("Station") == ["西南大学海智工作站"]
    assert ("APPROVED_BY", "西南大学海智工作站", "重庆市科协") in x.triples()


@pytest.mark.timeout(60)
def test_random_and_pathological_text_finishes():
    rnd = os.urandom(20000).decode("utf-8", errors="ignore")
    for text in (rnd, "“" * 20000, "《" * 5000 + "》" * 5000, "有限公司" * 5000, "、重庆" * 8000,
                 "记者 " * 5000, "2022年7月20日" * 2000, "\n" * 10000 + "重庆"):
        extract_text(text)


def test_cli_reports_bad_articles_in_one_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "data.bin"
    binary.write_bytes(b"\x00\x01\x02" * 1000)
    for path, msg in ((empty, "is empty"), (binary, "looks like a binary file"), (tmp_path / "missing.txt", "no such file")):
        proc = run_kg("extract", str(path), "-o", str(tmp_path / "out"), check=False)
        assert proc.returncode == 1
        err = " ".join(proc.stderr.split())
        assert msg in err and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) <= 2
