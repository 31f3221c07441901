"""Vietnamese text: normalisation, search and sort keys, names, dates and numbers.

This is the only module that knows how Vietnamese is written; everything else calls it. It is pure Python and
imports nothing from Django, so it can be used (and tested) without settings.

Conventions used here:

* Stored text is NFC with single spaces (:func:`nfc`).
* Search compares diacritic-free, lower-case keys (:func:`search_key`), so "Thuỷ", "Thủy" and "THUY" all match.
* Sorting uses :func:`collation_key` / :func:`name_sort_key`: plain ASCII strings (digits and lower-case letters
  only) that sort in Vietnamese alphabet order with a byte-wise comparison, so the database can ``ORDER BY`` them.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache

__all__ = [
    "collation_key",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "is_valid_cccd",
    "name_sort_key",
    "nfc",
    "normalize_tone_placement",
    "parse_date",
    "search_key",
    "split_name",
]

# --------------------------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------------------------

# Ð/ð (Icelandic eth) look exactly like Đ/đ and come in from some legacy fonts and keyboard layouts; stored names
# must use the Vietnamese letter or "Ðại" and "Đại" would be two different spellings. Invisible characters that
# Word and web pages paste into names are removed so that they do not split or duplicate words.
_NFC_FIXES = str.maketrans(
    {"\u00d0": "\u0110", "\u00f0": "\u0111", "\u00ad": None, "\u200b": None, "\u2060": None, "\ufeff": None}
)


def nfc(text: str | None) -> str:
    """Return ``text`` stripped, with whitespace runs collapsed to one space, NFC-normalised; ``None`` gives "".

    The look-alike Ð/ð (U+00D0/U+00F0) become Đ/đ (U+0110/U+0111), and soft hyphens, zero-width spaces, word
    joiners and byte-order marks are dropped. This is the form in which every name is stored.
    """
    if not text:
        return ""
    # Splitting on whitespace also catches tabs, newlines and no-break spaces pasted from spreadsheets.
    return " ".join(unicodedata.normalize("NFC", text).translate(_NFC_FIXES).split())


# The five tone marks as NFD combining characters. Vowel-quality marks (breve, circumflex, horn) are not tones.
_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_TONE_MARKS = _GRAVE + _HOOK + _TILDE + _ACUTE + _DOT

# Only the rhymes oa, oe and uy with nothing after them are written two ways: "hoà"/"hòa", "khoẻ"/"khỏe",
# "thuỷ"/"thủy". With a final consonant or a third vowel (hoàng, hoài, xoáy, thuyền, khuya, khuỷu) there is a single
# spelling, so the pattern insists the cluster ends the word: no letter and no further combining mark after the tone.
# The cluster must also start its vowel group (not preceded by a vowel or a mark); for "uy" a preceding "q" is
# excluded too, because in "quý", "quỳ" the "u" belongs to the consonant "qu" and the tone is correctly on "y".
# Working on NFD text means a plain "a"/"e"/"y" followed directly by a tone mark is exactly a toned plain vowel.
_END = r"(?![^\W\d_]|[\u0300-\u036f])"
_OLD_OA_OE = re.compile(rf"(?<![aeiouyAEIOUY\u0300-\u036f])([oO])([aAeE])([{_TONE_MARKS}]){_END}")
_OLD_UY = re.compile(rf"(?<![aeiouyAEIOUYqQ\u0300-\u036f])([uU])([yY])([{_TONE_MARKS}]){_END}")


def normalize_tone_placement(text: str | None) -> str:
    """Put the tone of a word-final oa, oe, uy on its first vowel: hoà → hòa, khoẻ → khỏe, thuỷ → thủy, Uỷ → Ủy.

    Both placements are in everyday use; choosing one means "hoà" and "hòa" compare equal once normalised. Case is
    kept letter by letter (HOÀ → HÒA). Words whose tone position is fixed are left alone: rhymes with a final consonant
    or a third vowel (hoàng, toán, hoài, xoáy, thuyền, huỳnh, khuya, khuỷu) and "qu" + y (quý, quỳnh), where the
    "u" is part of the consonant. The result is NFC; ``None`` gives "".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    # Swapping the vowel and the tone mark moves the mark onto the first vowel; NFC then recomposes the letters.
    moved = _OLD_UY.sub(r"\1\3\2", _OLD_OA_OE.sub(r"\1\3\2", decomposed))
    return unicodedata.normalize("NFC", moved)


# --------------------------------------------------------------------------------------------------------------------
# Search key
# --------------------------------------------------------------------------------------------------------------------


def _search_chars(char: str) -> str:
    """What one (NFKD) character becomes in a search key: lower-case, unaccented letters/digits, or a space."""
    text = char
    # Case folding and compatibility decomposition can feed each other (e.g. "℡" → "TEL" → "tel"), so repeat until
    # nothing changes; this is what makes search_key idempotent. Two or three rounds always suffice.
    for _ in range(5):
        folded = unicodedata.normalize("NFKD", text.casefold()).replace("đ", "d").replace("ð", "d")
        out = []
        for ch in folded:
            category = unicodedata.category(ch)
            if category[0] == "M" or category == "Cf":
                # Diacritics go; invisible format characters (soft hyphen, zero-width space) must not split words.
                continue
            out.append(ch if ch.isalnum() else " ")
        result = "".join(out)
        if result == text:
            break
        text = result
    return text


class _SearchTable(dict):
    """A ``str.translate`` table that computes each character's mapping on first use and then keeps it.

    A fixed table cannot cover every code point, and computing the mapping per call would be slow on 200,000
    names; names use a few hundred distinct characters, so the cache stays small.
    """

    def __missing__(self, codepoint: int) -> str:
        """Compute, remember and return the mapping of a code point not seen before."""
        value = self[codepoint] = _search_chars(chr(codepoint))
        return value


_SEARCH_TABLE = _SearchTable()


def search_key(text: str | None) -> str:
    """Return the lower-case, diacritic-free form of ``text`` for searching: "Nguyễn Việt Hùng" → "nguyen viet hung".

    Đ/đ (and the look-alike Ð/ð) become "d"; tone placement does not matter (Thuỷ = Thủy); punctuation becomes a
    space; whitespace is collapsed. Compatibility forms are folded too (full-width letters, ligatures). The key of
    a key is itself. ``None`` gives "".
    """
    if not text:
        return ""
    # NFKD first so that composed and decomposed input give the same characters, then one translate pass.
    return " ".join(unicodedata.normalize("NFKD", text).translate(_SEARCH_TABLE).split())


# --------------------------------------------------------------------------------------------------------------------
# Collation
# --------------------------------------------------------------------------------------------------------------------

# The Vietnamese alphabet with f, j, w, z at their Latin places. Each letter gets one ASCII character, in order;
# only digits and lower-case letters are used because strings of them sort the same byte-wise (SQLite, PostgreSQL
# "C") and under common locale collations, which would ignore punctuation and mix cases. Codes "0" and "1" are
# reserved as separators and "2" introduces numbers and foreign characters, so letters start at "3".
_ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n"]
_ALPHABET += ["o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"]
_LETTER_CODES = "3456789abcdefghijklmnopqrstuvwxyz"
_LETTER_CODE = dict(zip(_ALPHABET, _LETTER_CODES, strict=True))
_LETTER_CODE["ð"] = _LETTER_CODE["đ"]  # the look-alike, in case un-normalised text is collated

_LEVEL_SEPARATOR = "0"  # between the base letters and the tones: lowest, so "an" < "an bình" < "anh"
_WORD_SEPARATOR = "1"  # between words, below every letter: "an bình" < "anh" (word by word, as in dictionaries)
_ESCAPE = "2"  # numbers and characters outside the alphabet, sorted after separators and before "a"
_NUMBER_LENGTHS = "123456789abcdefghijklmnopqrstuvwx"  # a number's digit count (1 to 33), so that 9 < 10
_LONG_NUMBER = "y"  # after _ESCAPE: a number of more than 33 digits, its digit count in six digits
_FOREIGN = "z"  # after _ESCAPE: a character outside the alphabet, as six hex digits of its code point

# Secondary level, in dictionary order: no tone, huyền, hỏi, ngã, sắc, nặng (a, à, ả, ã, á, ạ).
_TONE_CODE = {_GRAVE: "1", _HOOK: "2", _TILDE: "3", _ACUTE: "4", _DOT: "5"}
_NO_TONE = "0"

# Vowel-quality marks make a different letter of the alphabet (primary level), unlike tones.
_MODIFIED = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


def _collation_chars(char: str) -> str:
    """What one character becomes before collation: itself if it can be part of a word, else a word break."""
    category = unicodedata.category(char)
    if category == "Cf":
        return ""  # invisible: must not split a word
    if char.isalnum() or category[0] == "M":
        return char
    return " "


class _CollationTable(dict):
    """A ``str.translate`` table turning punctuation and spaces into word breaks, filled lazily like the search one."""

    def __missing__(self, codepoint: int) -> str:
        """Compute, remember and return the mapping of a code point not seen before."""
        value = self[codepoint] = _collation_chars(chr(codepoint))
        return value


_COLLATION_TABLE = _CollationTable()


def _number_code(digits: str) -> str:
    """Code a run of ASCII digits so that numbers sort by value: digit count first, then the digits."""
    digits = digits.lstrip("0") or "0"
    if len(digits) <= len(_NUMBER_LENGTHS):
        return _ESCAPE + _NUMBER_LENGTHS[len(digits) - 1] + digits
    # Longer runs (never seen in real names, but the order must stay right) spell their length in six digits after
    # a marker that sorts after every one-character length.
    return f"{_ESCAPE}{_LONG_NUMBER}{len(digits):06d}{digits}"


@lru_cache(maxsize=65536)
def _word_key(word: str) -> tuple[str, str]:
    """Primary code and tone code of one case-folded word; cached because names reuse a few thousand words."""
    letters: list[str] = []
    tone = _NO_TONE
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONE_CODE:
            # A Vietnamese syllable has one tone; a foreign word with several marks is ranked by its first one.
            if tone == _NO_TONE:
                tone = _TONE_CODE[ch]
        elif letters and (letters[-1], ch) in _MODIFIED:
            # NFD may put a dot below before the breve/circumflex/horn (ặ = a + dot + breve), so the modifier is
            # applied to the last base letter rather than to the previous character.
            letters[-1] = _MODIFIED[letters[-1], ch]
        elif unicodedata.category(ch)[0] != "M":
            letters.append(ch)
    codes: list[str] = []
    digits = ""
    for letter in letters:
        if "0" <= letter <= "9":
            digits += letter
            continue
        if digits:
            codes.append(_number_code(digits))
            digits = ""
        code = _LETTER_CODE.get(letter)
        codes.append(code if code else f"{_ESCAPE}{_FOREIGN}{ord(letter):06x}")
    if digits:
        codes.append(_number_code(digits))
    return "".join(codes), tone


def collation_key(text: str | None) -> str:
    """Return an ASCII key that sorts ``text`` in Vietnamese dictionary order, case-insensitively.

    Primary level: base letters in the order a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y
    (z), word by word (so "An Bình" < "Anh"), numbers by value ("Tổ 9" < "Tổ 10"). Secondary level, only when the
    primary is equal: one tone per word in the order none, huyền, hỏi, ngã, sắc, nặng (a < à < ả < ã < á < ạ).
    Punctuation separates words and is otherwise ignored.

    The key uses only digits and lower-case ASCII letters, so a plain byte-wise comparison (Python ``<``, SQLite,
    PostgreSQL "C" collation) gives the Vietnamese order. Each letter is one character: the key is about as long
    as the text plus one character per word. "" for empty text.
    """
    if not text:
        return ""
    # NFKC folds full-width and other compatibility letters to the alphabet; casefold makes the key case-blind.
    words = unicodedata.normalize("NFKC", text).casefold().translate(_COLLATION_TABLE).split()
    # A "word" of stray combining marks has no letters: dropping it keeps every non-empty key starting with a
    # letter code, which name_sort_key relies on so that a missing part sorts first.
    keys = [key for key in map(_word_key, words) if key[0]]
    if not keys:
        return ""
    return _WORD_SEPARATOR.join(primary for primary, _ in keys) + _LEVEL_SEPARATOR + "".join(tone for _, tone in keys)


# --------------------------------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------------------------------

SORT_KEY_MAX_LENGTH = 255  # Person.sort_key is a CharField(max_length=255)


def split_name(full_name: str | None) -> tuple[str, str, str]:
    """Split a Vietnamese full name into (family, middle, given): "Nguyễn Việt Hùng" → ("Nguyễn", "Việt", "Hùng").

    The family name is the first word and the given name the last; everything between is the middle name
    ("Nguyễn Thị Minh Khai" → ("Nguyễn", "Thị Minh", "Khai")). One word is a given name alone. The parts are NFC.
    """
    words = nfc(full_name).split(" ")
    if words == [""]:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name: str | None) -> str:
    """Return the key that sorts people the Vietnamese way: given name, then family name, then middle name.

    Each part is compared with :func:`collation_key` in full (tones included) before the next part is looked at, so
    every "An" comes before every "Ánh" whatever the family name. The key is cut to :data:`SORT_KEY_MAX_LENGTH`
    characters so it always fits its column; cutting a key never reverses an order, it can only make a tie.
    """
    family, middle, given = split_name(full_name)
    # No collation key is a proper prefix of another, so the parts could even be glued together; the lowest
    # character is used as a separator so that a missing part (one-word names) sorts first.
    key = _LEVEL_SEPARATOR.join((collation_key(given), collation_key(family), collation_key(middle)))
    return key[:SORT_KEY_MAX_LENGTH]


# --------------------------------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------------------------------


def format_date(d: date | None, style: str = "long") -> str:
    """Format a date the Vietnamese way; ``None`` gives "".

    ``long``: "ngày 07 tháng 6 năm 2018", as Nghị định 30/2020/NĐ-CP requires for documents: a day below 10 and the
    months 1 and 2 get a leading zero ("ngày 07 tháng 02 năm 2018"), other months do not ("tháng 10").
    ``short``: "07/06/2018".
    """
    if d is None:
        return ""
    if style == "long":
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
        return f"ngày {d.day:02d} tháng {month} năm {d.year}"
    if style == "short":
        # Four-digit year so that the text always parses back with parse_date.
        return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
    raise ValueError(f"Kiểu định dạng ngày không hợp lệ: {style!r}")


def format_datetime(moment: datetime | None) -> str:
    """A moment as Vietnamese offices write it, time first: "03:14 08/12/2026"; ``None`` gives "".

    The caller passes local time (Asia/Ho_Chi_Minh): this module knows no time zones.
    """
    if moment is None:
        return ""
    return f"{moment:%H:%M} {format_date(moment.date(), 'short')}"


# Day first with "/", "-" or "." (the same separator twice), or ISO year first with "-". ASCII digits only: other
# scripts' digits would be accepted by int() and hide typing mistakes.
_DMY = re.compile(r"([0-9]{1,2})\s*([/.-])\s*([0-9]{1,2})\s*\2\s*([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def parse_date(text: str | date | None) -> date | None:
    """Parse "07/06/2018", "7/6/2018", "07-06-2018", "07.06.2018" or "2018-06-07"; "" or ``None`` gives ``None``.

    A date (or a datetime, as spreadsheet readers return) is passed through as a date. Anything else raises
    ``ValueError("Ngày không hợp lệ: …")``, including impossible dates such as 31/02/2018.
    """
    if text is None:
        return None
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    cleaned = text.strip()
    if not cleaned:
        return None
    if match := _DMY.fullmatch(cleaned):
        day, month, year = match.group(1), match.group(3), match.group(4)
    elif match := _ISO.fullmatch(cleaned):
        year, month, day = match.groups()
    else:
        raise ValueError(f"Ngày không hợp lệ: {cleaned} (nhập theo dạng ngày/tháng/năm, ví dụ 07/06/2018)")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"Ngày không hợp lệ: {cleaned} (không có ngày này trong lịch)") from None


# --------------------------------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------------------------------

_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})


def format_number(n: int | float | Decimal | None, decimals: int = 0) -> str:
    """Format a number with Vietnamese separators: "1.234.567", "-1.600", format_number(99.1, 1) == "99,1".

    Thousands are grouped with "." and the decimal separator is ","; exactly ``decimals`` digits are shown,
    rounded half away from zero (2,675 → 2,68: floats are read from their shortest repr, not their binary value).
    ``None`` gives "". Infinite and NaN values raise ``ValueError``.
    """
    if n is None:
        return ""
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    try:
        value = Decimal(repr(n)) if isinstance(n, float) else Decimal(n)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"Số không hợp lệ: {n!r}") from None
    if not value.is_finite():
        raise ValueError(f"Số không hợp lệ: {n!r}")
    # Enough precision for every digit of the result, so quantize never fails on large values.
    with localcontext() as ctx:
        ctx.prec = max(28, value.adjusted() + decimals + 2)
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if value.is_zero():
            value = abs(value)  # no "-0" after rounding a small negative number
        text = format(value, f",.{decimals}f")
    return text.translate(_SWAP_SEPARATORS)


def format_percent(x: int | float | Decimal | None, decimals: int = 1) -> str:
    """Format a value that is already a percentage: format_percent(99.1) == "99,1%", format_percent(100, 0) == "100%".

    Always exactly ``decimals`` decimal digits (format_percent(100) == "100,0%"); ``None`` gives "".
    """
    if x is None:
        return ""
    return format_number(x, decimals) + "%"


# --------------------------------------------------------------------------------------------------------------------
# Identity numbers
# --------------------------------------------------------------------------------------------------------------------


def is_valid_cccd(text: str | None) -> bool:
    """Whether ``text`` is a citizen identity card number (CCCD): exactly 12 ASCII digits once spaces are removed.

    Only strings are accepted: a number would already have lost the leading zero of the province code.
    """
    if not isinstance(text, str):
        return False
    digits = "".join(text.split())
    return len(digits) == 12 and digits.isascii() and digits.isdigit()


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in a common year (a birthday rule)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def format_months(months: int) -> str:
    """A length of service in whole months as Vietnamese years and months: "25 năm 3 tháng", "8 tháng", "0 tháng"."""
    years, months = divmod(max(0, int(months)), 12)
    if years and months:
        return f"{years} năm {months} tháng"
    return f"{years} năm" if years else f"{months} tháng"
