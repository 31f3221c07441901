"""Text measurements for ND 30 layouts: ký hiệu abbreviations, printed widths, and balanced line breaks.

Times New Roman's widths are approximated by kind of character (upper-case, lower-case, digits, a few marks); that
is within about 6 % of what Word and LibreOffice print, enough to size the rules ND 30 draws under a line and to
break a long name into even lines before the word processor breaks it unevenly.
"""

from __future__ import annotations

import re
import unicodedata

from thidua.core import vn

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text without the control characters XML cannot carry (pasted from old Word files)."""
    return _INVALID_XML.sub("", text or "")


def abbreviation(name: str) -> str:
    """The ký hiệu of a body: initials of its words, keeping acronyms and numbers ("Ban QLDA I" → "BQLDAI").

    "Tổng cục Công nghiệp quốc phòng" → "TCCNQP", "Khối 2" → "K2", "Khối 1/TCCT" → "K1TCCT", "Đảng ủy" → "ĐU".
    """
    parts = []
    for word in re.split(r"[\s/–-]+", vn.nfc(name)):
        letters = "".join(ch for ch in word if ch.isalnum())
        if not letters:
            continue
        whole = letters.isdigit() or (letters.isupper() and len(letters) > 1) or set(letters) <= set("IVXLC")
        # an initial loses its tone and vowel marks ("ủy" → "U") but Đ stays a letter of its own
        parts.append(letters if whole else unicodedata.normalize("NFD", letters[0])[0].upper())
    return "".join(parts)


# Advance widths of Times New Roman in em, by kind of character; accurate enough to size the rules that ND 30
# draws under a line of text (the rule's length is a fraction of the text's).
_EM = {"upper": (0.70, 0.74), "lower": (0.47, 0.51), "digit": (0.50, 0.50), "space": (0.25, 0.25)}
_EM_MARKS = {"…": 1.0, "–": 0.5, "—": 1.0, "-": 0.33, "(": 0.33, ")": 0.33, "/": 0.28, "%": 0.83}


def text_width_cm(text: str, size: float, *, bold: bool = False) -> float:
    """The approximate printed width of one line of ``text`` at ``size`` pt."""
    total = 0.0
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            continue
        if ch in _EM_MARKS:
            total += _EM_MARKS[ch]
            continue
        kind = "upper" if ch.isupper() else "lower" if ch.isalpha() else "digit" if ch.isdigit() else "space"
        total += _EM[kind][bold]
    return total * size / 72 * 2.54


_GOOD_BREAK_AFTER = (",", ";", ":", "–", "-")
_GOOD_BREAK_BEFORE = {"và", "của", "về", "tại"}


def _line_cost(lines: list[list[str]], size: float, bold: bool, area_cm: float) -> float | None:
    """How uneven a split is (its widest line, less a bonus per break after punctuation or before "và", "của" …);
    ``None`` when a line does not fit. The width estimate is within about 6 %, hence the 4 % safety margin."""
    widths = [text_width_cm(" ".join(words), size, bold=bold) for words in lines]
    if max(widths) > area_cm * 0.96:
        return None
    bonus = sum(
        1
        for before, after in zip(lines, lines[1:], strict=False)
        if before[-1].endswith(_GOOD_BREAK_AFTER) or after[0].lower() in _GOOD_BREAK_BEFORE
    )
    return max(widths) - bonus * 0.15 * area_cm


def balanced_lines(text: str, size: float, area_cm: float, *, bold: bool = False) -> str:
    """``text`` broken into the fewest lines (up to 3) that fit ``area_cm``, as even as possible (newline-joined).

    This is how a typist sets a long name or summary that ND 30 centres: "KHỐI 2 – CỤM THI ĐUA" over "CƠ QUAN TỔNG
    CỤC" rather than a full first line and one orphaned word. Text that fits, or cannot be split to fit, is returned
    unchanged and left to the word processor.
    """
    words = text.split()
    width = text_width_cm(text, size, bold=bold)
    if len(words) < 2 or width <= area_cm * 0.96 or width > area_cm * 3:
        return text
    n = len(words)
    two = ([words[:i], words[i:]] for i in range(1, n))
    three = ([words[:i], words[i:j], words[j:]] for i in range(1, n - 1) for j in range(i + 1, n))
    for splits in (two, three):  # generators: the 3-line splits are only built when no 2-line split fits
        scored = [(cost, lines) for lines in splits if (cost := _line_cost(lines, size, bold, area_cm)) is not None]
        if scored:
            return "\n".join(" ".join(line) for line in min(scored, key=lambda pair: pair[0])[1])
    return text


def longest_line_cm(text: str, size: float, *, bold: bool = False) -> float:
    """The estimated width of the longest line of a (possibly multi-line) text."""
    return max((text_width_cm(line, size, bold=bold) for line in text.splitlines()), default=0.0)
