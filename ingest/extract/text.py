"""Read an article file into clean text: encoding (UTF-8, UTF-16 with BOM,
GBK/GB18030), HTML to text (scripts and styles dropped), control characters
removed, line ends unified. Bad input raises :class:`ArticleError` with one
line that says what is wrong.

>>> decode_bytes("海智工作站".encode("gbk"))
('海智工作站', 'gb18030')
>>> html_to_text("<p>重庆<script>var a=1;</script>海智</p><p>工作站&amp;基地</p>")
'重庆海智\\n工作站&基地'
>>> clean_text("a\\r\\nb\\x00c\\u200b")
'a\\nbc'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

MAX_BYTES = 20_000_000  # files larger than this are refused before reading them whole
MAX_CHARS = 400_000  # text longer than this is refused (an article is 5-30 thousand characters)


class ArticleError(ValueError):
    """An input that is not a readable article; the message is one line."""


@dataclass(frozen=True)
class Article:
    text: str
    encoding: str
    html: bool


def _cjk(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes; return ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with a BOM; otherwise GB18030 (a
    superset of GBK). Short GBK text that also happens to be valid UTF-8 is
    read as GBK when that gives more Chinese characters. Raises
    :class:`ArticleError` for bytes that are neither.

    >>> decode_bytes("重庆".encode("utf-8-sig"))
    ('重庆', 'utf-8-sig')
    >>> decode_bytes(b"\\xff\\xfe" + "重庆".encode("utf-16-le"))
    ('重庆', 'utf-16')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ArticleError("starts with a UTF-16 mark but is not valid UTF-16") from None
    if b"\x00" in data[:65536]:
        raise ArticleError("looks like a binary file (it contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if any("\u0080" <= ch <= "\u07ff" for ch in text):
            try:
                alt = data.decode("gb18030")
            except UnicodeDecodeError:
                return text, "utf-8"
            if _cjk(alt) > _cjk(text):
                return alt, "gb18030"
        return text, "utf-8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes (a cut download): keep it, marking them.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(text) // 1000):
        return text, "utf-8 (with invalid bytes replaced)"
    raise ArticleError("is neither UTF-8 nor GBK/GB18030 text (a binary file?); save the article as UTF-8 text")


_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
               "section", "article", "header", "footer", "blockquote", "pre", "hr", "title", "dd", "dt",
               "figcaption", "figure", "main", "aside", "nav", "td", "th"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:  # type: ignore[no-untyped-def]
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:  # type: ignore[no-untyped-def]
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


_HTML_SIGN = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<p[\s>]|<div[\s>]|<br\s*/?>|<meta\s", re.I)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page or fragment.

    >>> looks_like_html("<html><body>x</body></html>"), looks_like_html("重庆 <5 家")
    (True, False)
    """
    return bool(_HTML_SIGN.search(text[:5000]))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page: one line per block, scripts and styles left out."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


def clean_text(text: str) -> str:
    """Unify line ends and drop control and zero-width characters (offsets refer to this text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def article_from_bytes(data: bytes, max_chars: int = MAX_CHARS) -> Article:
    """Decode, strip HTML and clean; refuse empty, binary or over-long input."""
    if not data.strip():
        raise ArticleError("is empty: there is no text to read")
    text, enc = decode_bytes(data)
    html = looks_like_html(text)
    if html:
        text = html_to_text(text)
    text = clean_text(text).strip("\n")
    if not text.strip():
        raise ArticleError("has no readable text" + (" (the HTML holds only markup and scripts)" if html else ""))
    printable = sum(ch.isprintable() or ch in "\n\t" for ch in text[:20000])
    if printable < 0.9 * min(len(text), 20000):
        raise ArticleError("looks like a binary file, not an article")
    if len(text) > max_chars:
        raise ArticleError(f"has {len(text):,} characters of text; kg extract reads articles of at most "
                           f"{max_chars:,} (split it, or raise --max-chars)")
    return Article(text, enc, html)


def read_article(path: Path | str, max_chars: int = MAX_CHARS, max_bytes: int = MAX_BYTES) -> Article:
    """Read an article file (plain text or HTML; UTF-8, UTF-16 or GBK)."""
    p = Path(path)
    if not p.exists():
        raise ArticleError(f"{p}: no such file")
    if p.is_dir():
        raise ArticleError(f"{p}: is a folder, not an article file")
    size = p.stat().st_size
    if size > max_bytes:
        raise ArticleError(f"{p}: is {size / 1e6:.1f} MB; kg extract reads files of at most {max_bytes / 1e6:.0f} MB")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ArticleError(f"{p}: cannot be read ({e.strerror or e})") from None
    try:
        return article_from_bytes(data, max_chars)
    except ArticleError as e:
        raise ArticleError(f"{p}: {e}") from None
