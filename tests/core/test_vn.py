"""Tests for thidua.core.vn: tables of known Vietnamese cases plus hypothesis properties.

The module is pure Python, so these tests need no Django settings (run with ``-p no:django`` if there are none).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.core import vn
from thidua.core.vn import (
    collation_key,
    format_date,
    format_number,
    format_percent,
    is_valid_cccd,
    name_sort_key,
    nfc,
    normalize_tone_placement,
    parse_date,
    search_key,
    split_name,
)

PROPERTY = settings(max_examples=300, deadline=None)


def nfd(text: str) -> str:
    """The fully decomposed form, as macOS file names and some keyboards produce."""
    return unicodedata.normalize("NFD", text)


def compose(text: str) -> str:
    """NFC, so that test tables can be written with combining marks where that is clearer."""
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------------------------------------------------
# Vietnamese alphabet data shared by tables and strategies
# --------------------------------------------------------------------------------------------------------------------

ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
CONSONANTS = [letter for letter in ALPHABET if letter not in VOWELS]
# Tone marks in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
TONED_VOWELS = [compose(v + t) for v in VOWELS for t in TONES]
LOWER_LETTERS = CONSONANTS + TONED_VOWELS
ALL_LETTERS = LOWER_LETTERS + [letter.upper() for letter in LOWER_LETTERS]


def letter_parts(letter: str) -> tuple[int, int]:
    """(alphabet index, tone index) of one Vietnamese letter, independent of vn.py's implementation."""
    lower = letter.lower()
    for tone_index, tone in enumerate(TONES[1:], start=1):
        decomposed = nfd(lower)
        if tone in decomposed:
            return ALPHABET.index(compose(decomposed.replace(tone, ""))), tone_index
    return ALPHABET.index(lower), 0


def reference_key(words: list[str]) -> tuple:
    """Reference collation: word-by-word base letters first, then one tone per word (its first tone mark)."""
    primary = []
    tones = []
    for word in words:
        parts = [letter_parts(letter) for letter in word]
        primary.append(tuple(index for index, _ in parts))
        tones.append(next((tone for _, tone in parts if tone), 0))
    return tuple(primary), tuple(tones)


vn_letter = st.sampled_from(ALL_LETTERS)
vn_word = st.lists(vn_letter, min_size=1, max_size=7).map("".join)
vn_words = st.lists(vn_word, min_size=1, max_size=4)
vn_text = st.lists(
    st.one_of(vn_letter, st.sampled_from([" ", "  ", "-", ",", ".", "\t", "(", ")", "'"])), max_size=30
).map("".join)


def sign(a, b) -> int:
    """-1, 0 or 1 as a <, ==, > b."""
    return (a > b) - (a < b)


# --------------------------------------------------------------------------------------------------------------------
# nfc
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("Hùng", "Hùng"),
        ("  Nguyễn   Việt\tHùng \n", "Nguyễn Việt Hùng"),
        ("Nguyễn\u00a0Văn\u3000An", "Nguyễn Văn An"),  # no-break and ideographic spaces from spreadsheets
        (nfd("Nguyễn Việt Hùng"), "Nguyễn Việt Hùng"),
        ("\u00d0ại tướng", "Đại tướng"),  # Ð U+00D0 (eth) → Đ U+0110
        ("\u00f0ức", "đức"),  # ð U+00F0 → đ U+0111
        ("Nguy\u00adễn", "Nguyễn"),  # soft hyphen
        ("Ng\u200buyễn", "Nguyễn"),  # zero-width space
        ("\ufeffHùng", "Hùng"),  # byte-order mark at the start of a CSV cell
        ("Hoà", "Hoà"),  # nfc does not move tones: that is normalize_tone_placement's job
    ],
)
def test_nfc_table(raw, expected):
    assert nfc(raw) == expected


def test_nfc_output_is_composed_and_uses_the_vietnamese_d():
    result = nfc(nfd("\u00d0ặng Thị Ðào"))
    assert result == "Đặng Thị Đào"
    assert unicodedata.is_normalized("NFC", result)
    assert "\u00d0" not in result and "\u0110" in result


@pytest.mark.parametrize("word", ["Nguyễn", "Việt", "Hùng", "Đặng", "Phượng", "Khuỷu", "Thuỷ", "Thủy", "Ưng", "Ở"])
def test_nfc_makes_nfd_and_nfc_input_equal(word):
    assert nfc(nfd(word)) == nfc(word) == compose(word)
    assert len(nfc(nfd(word))) < len(nfd(word)) or nfd(word) == word


@PROPERTY
@given(st.text())
def test_nfc_properties(text):
    result = nfc(text)
    assert nfc(result) == result  # idempotent
    assert result == result.strip()
    assert "  " not in result
    assert "\u00d0" not in result and "\u00f0" not in result
    assert nfc(nfd(text)) == result


# --------------------------------------------------------------------------------------------------------------------
# normalize_tone_placement
# --------------------------------------------------------------------------------------------------------------------


def _placement_pairs() -> list[tuple[str, str]]:
    """Every tone on every two-way cluster, old placement → new placement, in lower, capitalised and upper case."""
    pairs = []
    for onset, first, second in [("h", "o", "a"), ("kh", "o", "e"), ("th", "u", "y"), ("", "o", "a"), ("", "u", "y")]:
        for tone in TONES[1:]:
            old = compose(onset + first + second + tone)
            new = compose(onset + first + tone + second)
            pairs += [(old, new), (old.capitalize(), new.capitalize()), (old.upper(), new.upper())]
    return pairs


PLACEMENT_PAIRS = _placement_pairs()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("hoá", "hóa"),
        ("hoạ", "họa"),
        ("hoả", "hỏa"),
        ("hoã", "hõa"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("Thuý", "Thúy"),
        ("Uỷ", "Ủy"),
        ("uỵ", "ụy"),
        ("uý", "úy"),
        ("HOÀ", "HÒA"),
        ("Hoà", "Hòa"),
        ("THUỶ", "THỦY"),
        ("UỶ BAN", "ỦY BAN"),
        ("KHOẺ", "KHỎE"),
        ("loè xoè", "lòe xòe"),
        ("nguỵ biện", "ngụy biện"),  # "ng" is the consonant, "uy" the rhyme
        ("luỹ tre", "lũy tre"),
        ("tuỳ", "tùy"),
        ("huỷ bỏ", "hủy bỏ"),
        ("Thiếu uý", "Thiếu úy"),
        ("Hoà Bình", "Hòa Bình"),
        ("Uỷ ban nhân dân tỉnh Khánh Hoà", "Ủy ban nhân dân tỉnh Khánh Hòa"),
        ("(hoà),thuỷ.", "(hòa),thủy."),  # punctuation ends a word
        ("hoà2", "hòa2"),  # so does a digit
        (nfd("hoà"), "hòa"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_tone_placement_table(old, new):
    assert normalize_tone_placement(old) == new


@pytest.mark.parametrize(("old", "new"), PLACEMENT_PAIRS)
def test_normalize_tone_placement_every_pair(old, new):
    assert normalize_tone_placement(old) == new
    assert normalize_tone_placement(new) == new
    assert normalize_tone_placement(nfd(old)) == new
    assert search_key(old) == search_key(new)


@pytest.mark.parametrize(
    "word",
    [
        "thuyền",  # uyê + n: tone on ê in both styles
        "khuya",  # uya: three vowels
        "khuỷu",  # uyu: three vowels
        "hoàng",  # final consonant
        "toán",
        "hoạch",
        "hoài",  # oai
        "xoáy",  # oay
        "ngoằn",  # oă
        "huỳnh",  # uy + nh
        "Quỳnh",
        "quý",  # "qu" is the consonant: y carries the tone in both styles
        "Quý",
        "QUÝ",
        "quỳ",
        "quỹ",
        "quỵ",
        "quả",  # qu + a
        "thuở",
        "của",
        "mùa",
        "hòa",  # already in the target style
        "thủy",
        "Ủy",
        "hoa",  # no tone at all
        "thuy",
        "Nguyễn Việt Hùng",
        "Phạm Thị Thu Hương",
        "gì",
    ],
)
def test_normalize_tone_placement_leaves_fixed_words_alone(word):
    assert normalize_tone_placement(word) == word


@PROPERTY
@given(vn_text)
def test_normalize_tone_placement_properties(text):
    result = normalize_tone_placement(text)
    assert normalize_tone_placement(result) == result  # idempotent
    assert unicodedata.is_normalized("NFC", result)
    assert search_key(result) == search_key(text)  # only moves marks, never changes letters or tones
    assert len(result) == len(compose(text))
    assert collation_key(result) == collation_key(text)


@PROPERTY
@given(st.text())
def test_normalize_tone_placement_is_total(text):
    result = normalize_tone_placement(text)
    assert normalize_tone_placement(result) == result
    assert normalize_tone_placement(nfd(text)) == result


@PROPERTY
@given(st.sampled_from(CONSONANTS + ["", "kh", "th", "ng", "tr"]), st.sampled_from(PLACEMENT_PAIRS))
def test_normalize_tone_placement_with_any_onset(onset, pair):
    old, new = pair
    if onset == "q" and old.lower().startswith("u"):
        return  # "qu" + y is a different rhyme, covered by the table of fixed words
    assert normalize_tone_placement(onset + old.lower()) == onset + new.lower()


# --------------------------------------------------------------------------------------------------------------------
# search_key
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Việt Hùng", "nguyen viet hung"),
        ("Ðại tướng", "dai tuong"),  # U+00D0
        ("Đại tướng", "dai tuong"),  # U+0110
        ("ĐẶNG THỊ ĐÀO", "dang thi dao"),
        ("Thủy", "thuy"),
        ("Thuỷ", "thuy"),
        ("Trần   Văn\tBình ", "tran van binh"),
        ("Nguyễn-Văn,An.", "nguyen van an"),
        ("Lê (Thị) Ánh", "le thi anh"),
        ("Thiếu uý", "thieu uy"),
        ("Trung đoàn 101", "trung doan 101"),
        ("Ｎｇｕｙễｎ", "nguyen"),  # full-width letters
        ("Nguy\u00adễn", "nguyen"),  # soft hyphen does not split the word
        (nfd("Phượng Ưng Ơn"), "phuong ung on"),
        ("ăâêôơư ĂÂÊÔƠƯ", "aaeoou aaeoou"),
        ("", ""),
        ("   ", ""),
        ("!!!", ""),
        (None, ""),
    ],
)
def test_search_key_table(text, expected):
    assert search_key(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Thủy", "Thuỷ"),
        ("Hòa", "Hoà"),
        ("Khỏe", "Khoẻ"),
        ("Ủy ban", "Uỷ ban"),
        ("Ðức", "Đức"),
        ("NGUYỄN", "nguyễn"),
        ("Nguyễn", nfd("Nguyễn")),
        ("Nguyễn Văn An", "Nguyen Van An"),
    ],
)
def test_search_key_equal_spellings(a, b):
    assert search_key(a) == search_key(b)


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_search_key_of_every_letter_is_one_ascii_letter(letter):
    key = search_key(letter)
    assert len(key) == 1 and key.isascii() and key.isalpha() and key.islower()


@PROPERTY
@given(st.text())
def test_search_key_is_idempotent(text):
    key = search_key(text)
    assert search_key(key) == key


@PROPERTY
@given(st.text())
def test_search_key_ignores_normalisation_form(text):
    assert search_key(nfc(text)) == search_key(nfd(text)) == search_key(text)


@PROPERTY
@given(st.text())
def test_search_key_shape(text):
    key = search_key(text)
    assert key == key.strip()
    assert "  " not in key
    assert all(ch == " " or ch.isalnum() for ch in key)


@PROPERTY
@given(vn_text)
def test_search_key_of_vietnamese_is_ascii(text):
    key = search_key(text)
    assert key.isascii()
    assert key == key.lower()
    assert search_key(text.upper()) == key
    assert search_key(normalize_tone_placement(text)) == key


def test_search_key_speed_uses_cached_table():
    names = ["Nguyễn Việt Hùng", "Trần Thị Thuỷ", "Lê Văn Đức"] * 1000
    keys = [search_key(name) for name in names]
    assert keys[:3] == ["nguyen viet hung", "tran thi thuy", "le van duc"]
    assert vn._SEARCH_TABLE[ord("\u0303")] == ""  # the lazy table filled itself: the tilde maps to nothing


# --------------------------------------------------------------------------------------------------------------------
# split_name
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Nguyễn Việt Hùng", ("Nguyễn", "Việt", "Hùng")),
        ("Hùng", ("", "", "Hùng")),
        ("Lê Hùng", ("Lê", "", "Hùng")),
        ("Nguyễn Thị Minh Khai", ("Nguyễn", "Thị Minh", "Khai")),
        ("Tôn Nữ Thị Ngọc Lan", ("Tôn", "Nữ Thị Ngọc", "Lan")),
        ("  Trần   Văn  Bình ", ("Trần", "Văn", "Bình")),
        (nfd("Đặng Thị Ðào"), ("Đặng", "Thị", "Đào")),
        ("", ("", "", "")),
        ("   ", ("", "", "")),
        (None, ("", "", "")),
    ],
)
def test_split_name_table(full_name, expected):
    assert split_name(full_name) == expected


@PROPERTY
@given(st.text())
def test_split_name_reassembles(text):
    family, middle, given_name = split_name(text)
    assert " ".join(part for part in (family, middle, given_name) if part) == nfc(text)
    assert " " not in family and " " not in given_name
    if family:
        assert given_name


# --------------------------------------------------------------------------------------------------------------------
# collation_key
# --------------------------------------------------------------------------------------------------------------------


def assert_strictly_ordered(items):
    """Each item's key is strictly below the next one's."""
    keys = [collation_key(item) for item in items]
    for (a, key_a), (b, key_b) in zip(zip(items, keys, strict=True), zip(items[1:], keys[1:], strict=True)):
        assert key_a < key_b, f"{a!r} should sort before {b!r}: {key_a!r} vs {key_b!r}"


def test_collation_full_alphabet():
    assert_strictly_ordered(ALPHABET)
    assert_strictly_ordered([letter.upper() for letter in ALPHABET])


@pytest.mark.parametrize(
    "chain",
    [
        ["a", "ă", "â", "b"],
        ["d", "đ", "e"],
        ["e", "ê", "g"],
        ["o", "ô", "ơ", "p"],
        ["u", "ư", "v"],
        ["a", "à", "ả", "ã", "á", "ạ"],
        ["ă", "ằ", "ẳ", "ẵ", "ắ", "ặ"],
        ["ơ", "ờ", "ở", "ỡ", "ớ", "ợ"],
        ["ạ", "ă"],  # any tone of a comes before plain ă: the letter is primary
        ["ặ", "â"],
        ["ợ", "p"],
        ["ự", "v"],
        ["Dũng", "Đức"],
        ["Dương", "Đàm"],
        ["Đức", "Zung"],  # đ (after d) still comes before z
        ["An", "Anh", "Ánh"],  # prefix first; then tone only breaks the tie of "anh"
        ["An", "Án", "Anh"],  # "án" vs "anh": primary "an" < "anh" decides before any tone
        ["Ạn", "Anh"],
        ["An", "An Bình", "Anh"],  # word by word
        ["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ", "Bác"],
        ["Cư", "Cừ", "Cử", "Cữ", "Cứ", "Cự", "Cửa"],
        ["ma", "mà", "mả", "mã", "má", "mạ"],
        ["Hoa", "Hòa", "Hoàn", "Hoàng"],
        ["Tổ 2", "Tổ 9", "Tổ 10", "Tổ 100"],  # numbers by value
        ["Đại đội 9", "Đại đội 10", "Đại đội 11"],
        ["Thuy", "Thùy", "Thủy", "Thúy", "Thụy"],
        ["Trung đoàn", "Trung đội", "Trường"],
        ["", "a"],
    ],
)
def test_collation_order(chain):
    assert_strictly_ordered(chain)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("An", "an"),
        ("ÁNH", "ánh"),
        ("Đức", "đức"),
        ("Ðức", "Đức"),  # the look-alike eth collates as đ
        ("Hoà", "Hòa"),  # tone placement does not matter
        ("Thuỷ", "Thủy"),
        ("Nguyễn", nfd("Nguyễn")),
        ("Nguyễn-Văn", "Nguyễn Văn"),  # punctuation is a word break
        ("  An  ", "An"),
        ("Ａｎ", "An"),  # full-width
        ("Tổ 07", "Tổ 7"),  # leading zeros do not count
    ],
)
def test_collation_equal_keys(a, b):
    assert collation_key(a) == collation_key(b)


@pytest.mark.parametrize("text", ["", "   ", "!!!", None, "\u0301"])
def test_collation_key_empty(text):
    assert collation_key(text) == ""


def test_collation_example_sort():
    words = ["Ánh", "anh", "Bình", "ăn", "An", "Đức", "Dũng", "ân", "ạn", "Ơn", "Ôn", "On", "Ưng", "Uyên", "Vân"]
    assert sorted(words, key=collation_key) == [
        "An",
        "ạn",
        "anh",
        "Ánh",
        "ăn",
        "ân",
        "Bình",
        "Dũng",
        "Đức",
        "On",
        "Ôn",
        "Ơn",
        "Uyên",
        "Ưng",
        "Vân",
    ]


@PROPERTY
@given(st.text())
def test_collation_key_is_ascii_alnum(text):
    key = collation_key(text)
    assert key.isascii()
    assert all(ch.isdigit() or ch.islower() for ch in key)


@PROPERTY
@given(st.text())
def test_collation_key_ignores_normalisation_form(text):
    assert collation_key(nfd(text)) == collation_key(nfc(text)) == collation_key(text)


@PROPERTY
@given(vn_text)
def test_collation_key_is_case_insensitive(text):
    assert collation_key(text.upper()) == collation_key(text.lower()) == collation_key(text)


@PROPERTY
@given(vn_words, vn_words)
def test_collation_key_matches_reference_order(words_a, words_b):
    a, b = " ".join(words_a), " ".join(words_b)
    assert sign(collation_key(a), collation_key(b)) == sign(reference_key(words_a), reference_key(words_b))


@PROPERTY
@given(vn_words, vn_words)
def test_collation_tone_only_breaks_primary_ties(words_a, words_b):
    a, b = " ".join(words_a), " ".join(words_b)
    bare_a, bare_b = strip_tones(a), strip_tones(b)
    if collation_key(bare_a) != collation_key(bare_b):
        assert sign(collation_key(a), collation_key(b)) == sign(collation_key(bare_a), collation_key(bare_b))


def strip_tones(text: str) -> str:
    """Remove the five tone marks but keep the letters (ă, â, ê, ô, ơ, ư, đ)."""
    return compose("".join(ch for ch in nfd(text) if ch not in TONES[1:]))


@PROPERTY
@given(st.lists(vn_text, max_size=20), st.randoms())
def test_collation_sort_is_total_and_stable(texts, rnd):
    ordered = sorted(texts, key=collation_key)
    keys = [collation_key(text) for text in ordered]
    assert keys == sorted(keys)
    shuffled = texts[:]
    rnd.shuffle(shuffled)
    # Any input order gives the same sequence of keys; equal keys keep their input order (stable sort).
    assert [collation_key(text) for text in sorted(shuffled, key=collation_key)] == keys
    for key in set(keys):
        assert [t for t in ordered if collation_key(t) == key] == [t for t in texts if collation_key(t) == key]


@PROPERTY
@given(vn_text, vn_text, vn_text)
def test_collation_key_is_transitive_and_antisymmetric(a, b, c):
    ka, kb, kc = collation_key(a), collation_key(b), collation_key(c)
    if ka <= kb <= kc:
        assert ka <= kc
    assert (ka < kb) + (kb < ka) + (ka == kb) == 1


@PROPERTY
@given(st.integers(min_value=0, max_value=10**40), st.integers(min_value=0, max_value=10**40))
def test_collation_numbers_sort_by_value(m, n):
    assert sign(collation_key(f"Tổ {m}"), collation_key(f"Tổ {n}")) == sign(m, n)


# --------------------------------------------------------------------------------------------------------------------
# name_sort_key
# --------------------------------------------------------------------------------------------------------------------


def test_name_sort_key_example():
    names = ["Trần Văn Bình", "Nguyễn Văn An", "Lê Thị Ánh", "Nguyễn Văn Đức", "Phạm Dũng"]
    assert sorted(names, key=name_sort_key) == [
        "Nguyễn Văn An",
        "Lê Thị Ánh",
        "Trần Văn Bình",
        "Phạm Dũng",
        "Nguyễn Văn Đức",
    ]


@pytest.mark.parametrize(
    "chain",
    [
        ["Nguyễn Văn An", "Trần Văn An", "Lê Thị Anh", "Bùi Thị Ánh"],  # given, then family
        ["Lê An", "Lê Văn An", "Lê Văn Minh An"],  # then middle (none first)
        ["An", "Lê An", "Nguyễn An"],  # a one-word name has no family name: first among equal given names
        ["Trần Văn Anh", "Lê Thị Ánh"],  # tone of the given name counts before the family name
        ["Zô Văn An", "Ân Văn Bình"],  # given name dominates
        ["Đỗ Hùng", "Lê Hùng"],  # family: đ < l
        ["Nguyễn Thị Hoa", "Nguyễn Thị Hòa", "Nguyễn Thị Hoàng"],
        ["Phạm Dũng", "Nguyễn Văn Đức"],
    ],
)
def test_name_sort_order(chain):
    keys = [name_sort_key(name) for name in chain]
    assert keys == sorted(keys) and len(set(keys)) == len(keys), chain


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nguyễn Thị Thuỷ", "Nguyễn Thị Thủy"),
        ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
        ("Ðặng Văn Ðức", "Đặng Văn Đức"),
        (nfd("Lê Thị Ánh"), "Lê Thị Ánh"),
        ("  Lê   Hùng ", "Lê Hùng"),
    ],
)
def test_name_sort_key_equal(a, b):
    assert name_sort_key(a) == name_sort_key(b)


def test_name_sort_key_fits_its_column():
    assert len(name_sort_key("Nguyễn " * 60 + "Hùng")) <= vn.SORT_KEY_MAX_LENGTH
    assert len(name_sort_key("李" * 120)) == vn.SORT_KEY_MAX_LENGTH
    assert name_sort_key("") == "00"
    assert name_sort_key(None) == name_sort_key("")


@PROPERTY
@given(vn_word, st.lists(vn_word, max_size=3), vn_word, vn_word, st.lists(vn_word, max_size=3), vn_word)
def test_name_sort_key_given_name_first(family_a, middle_a, given_a, family_b, middle_b, given_b):
    a = " ".join([family_a, *middle_a, given_a])
    b = " ".join([family_b, *middle_b, given_b])
    expected = sign(
        (reference_key([given_a]), reference_key([family_a]), reference_key(middle_a)),
        (reference_key([given_b]), reference_key([family_b]), reference_key(middle_b)),
    )
    assert sign(name_sort_key(a), name_sort_key(b)) == expected


@PROPERTY
@given(st.text(), st.text())
def test_name_sort_key_given_name_dominates_for_any_text(a, b):
    given_a, given_b = collation_key(split_name(a)[2]), collation_key(split_name(b)[2])
    if given_a != given_b:
        assert sign(name_sort_key(a), name_sort_key(b)) == sign(given_a, given_b)


@PROPERTY
@given(st.text())
def test_name_sort_key_is_ascii_alnum(text):
    key = name_sort_key(text)
    assert key.isascii() and all(ch.isdigit() or ch.islower() for ch in key)
    assert len(key) <= vn.SORT_KEY_MAX_LENGTH


# --------------------------------------------------------------------------------------------------------------------
# format_date / parse_date
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "long", "short"),
    [
        (date(2018, 6, 7), "ngày 07 tháng 6 năm 2018", "07/06/2018"),
        (date(2018, 2, 7), "ngày 07 tháng 02 năm 2018", "07/02/2018"),
        (date(2018, 1, 1), "ngày 01 tháng 01 năm 2018", "01/01/2018"),
        (date(2020, 10, 28), "ngày 28 tháng 10 năm 2020", "28/10/2020"),
        (date(2020, 3, 9), "ngày 09 tháng 3 năm 2020", "09/03/2020"),
        (date(2020, 3, 10), "ngày 10 tháng 3 năm 2020", "10/03/2020"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024", "29/02/2024"),
        (date(2025, 12, 31), "ngày 31 tháng 12 năm 2025", "31/12/2025"),
        (date(2025, 11, 1), "ngày 01 tháng 11 năm 2025", "01/11/2025"),
        (datetime(2018, 6, 7, 15, 30), "ngày 07 tháng 6 năm 2018", "07/06/2018"),
    ],
)
def test_format_date_table(d, long, short):
    assert format_date(d) == long
    assert format_date(d, "long") == long
    assert format_date(d, style="short") == short


@pytest.mark.parametrize("month", range(1, 13))
def test_format_date_month_padding(month):
    text = format_date(date(2021, month, 15))
    expected_month = f"{month:02d}" if month <= 2 else str(month)
    assert text == f"ngày 15 tháng {expected_month} năm 2021"


def test_format_date_none_and_bad_style():
    assert format_date(None) == ""
    assert format_date(None, "short") == ""
    with pytest.raises(ValueError):
        format_date(date(2018, 6, 7), "medium")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/06/2018", date(2018, 6, 7)),
        ("7/6/2018", date(2018, 6, 7)),
        ("2018-06-07", date(2018, 6, 7)),
        ("2018-6-7", date(2018, 6, 7)),
        ("07-06-2018", date(2018, 6, 7)),
        ("07.06.2018", date(2018, 6, 7)),
        ("  07/06/2018  ", date(2018, 6, 7)),
        ("07 / 06 / 2018", date(2018, 6, 7)),
        ("29/02/2020", date(2020, 2, 29)),
        ("31/12/1999", date(1999, 12, 31)),
        ("", None),
        ("   ", None),
        (None, None),
        (date(2018, 6, 7), date(2018, 6, 7)),
        (datetime(2018, 6, 7, 8, 0), date(2018, 6, 7)),
    ],
)
def test_parse_date_table(text, expected):
    result = parse_date(text)
    assert result == expected
    assert type(result) in (date, type(None))


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "31/02/2018",  # no such day
        "29/02/2019",
        "32/01/2018",
        "00/01/2018",
        "01/13/2018",
        "01/00/2018",
        "07/06/18",  # two-digit years are ambiguous
        "07/06-2018",  # mixed separators
        "2018/06/07",
        "2018-13-01",
        "2018-02-30",
        "7 6 2018",
        "07/06/2018 12:00",
        "٠٧/٠٦/٢٠١٨",  # Arabic-Indic digits
        "１２/０６/２０１８",  # full-width digits
        "ngày 07 tháng 6 năm 2018",
        "2018",
    ],
)
def test_parse_date_rejects(text):
    with pytest.raises(ValueError, match=r"^Ngày không hợp lệ: ") as excinfo:
        parse_date(text)
    assert text.strip() in str(excinfo.value)


@PROPERTY
@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_round_trips(d):
    assert parse_date(format_date(d, "short")) == d
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.day}/{d.month}/{d.year}") == d
    assert parse_date(f"{d.day:02d}-{d.month:02d}-{d.year}") == d


@PROPERTY
@given(st.text())
def test_parse_date_returns_date_none_or_vietnamese_error(text):
    try:
        result = parse_date(text)
    except ValueError as exc:
        assert str(exc).startswith("Ngày không hợp lệ: ")
    else:
        assert result is None or isinstance(result, date)


# --------------------------------------------------------------------------------------------------------------------
# format_number / format_percent
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "decimals", "expected"),
    [
        (0, 0, "0"),
        (7, 0, "7"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (1600, 0, "1.600"),
        (23000, 0, "23.000"),
        (1234567, 0, "1.234.567"),
        (-1600, 0, "-1.600"),
        (-1234567, 0, "-1.234.567"),
        (99.1, 1, "99,1"),
        (99.14, 1, "99,1"),
        (99.15, 1, "99,2"),  # half up on the written value, not the binary float
        (2.675, 2, "2,68"),
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),  # half away from zero
        (-0.04, 1, "0,0"),  # no negative zero
        (1234.5, 2, "1.234,50"),
        (1234567.891, 2, "1.234.567,89"),
        (1600.4, 0, "1.600"),
        (Decimal("1234.565"), 2, "1.234,57"),
        (Decimal("-0.001"), 2, "0,00"),
        (100, 2, "100,00"),
        (10**30, 0, "1.000.000.000.000.000.000.000.000.000.000"),
        (1e30, 0, "1.000.000.000.000.000.000.000.000.000.000"),
        (None, 0, ""),
    ],
)
def test_format_number_table(n, decimals, expected):
    assert format_number(n, decimals) == expected


def test_format_number_default_has_no_decimals():
    assert format_number(1234.56) == "1.235"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf"), "abc"])
def test_format_number_rejects_non_numbers(bad):
    with pytest.raises(ValueError):
        format_number(bad)


def test_format_number_rejects_negative_decimals():
    with pytest.raises(ValueError):
        format_number(1, -1)


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (99.1, 1, "99,1%"),
        (99.1, None, "99,1%"),  # default: one decimal
        (100, 0, "100%"),
        (100, 1, "100,0%"),
        (0, 1, "0,0%"),
        (33.333, 2, "33,33%"),
        (66.666, 1, "66,7%"),
        (1250.5, 1, "1.250,5%"),
        (-5.25, 1, "-5,3%"),
        (Decimal("87.65"), 1, "87,7%"),
        (None, 1, ""),
    ],
)
def test_format_percent_table(x, decimals, expected):
    result = format_percent(x) if decimals is None else format_percent(x, decimals)
    assert result == expected


@PROPERTY
@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_format_number_integers(n):
    assert format_number(n) == f"{n:,}".replace(",", ".")


@PROPERTY
@given(
    st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=4),
    st.integers(min_value=0, max_value=4),
)
def test_format_number_parses_back(value, decimals):
    text = format_number(value, decimals)
    integer_part, _, fraction = text.lstrip("-").partition(",")
    assert len(fraction) == decimals
    assert all(len(group) == 3 for group in integer_part.split(".")[1:])
    assert 1 <= len(integer_part.split(".")[0]) <= 3
    parsed = Decimal(text.replace(".", "").replace(",", "."))
    assert abs(parsed - value) <= Decimal(1).scaleb(-decimals) / 2


@PROPERTY
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_format_percent_is_number_plus_sign(x, decimals):
    assert format_percent(x, decimals) == format_number(x, decimals) + "%"


# --------------------------------------------------------------------------------------------------------------------
# is_valid_cccd
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("001088012345", True),
        ("079 203 001 234", True),
        (" 001088012345 ", True),
        ("0010 8801 2345", True),
        ("00108801234", False),  # 11 digits
        ("0010880123456", False),  # 13 digits
        ("00108801234a", False),
        ("001-088-012345", False),
        ("", False),
        ("            ", False),
        (None, False),
        (1088012345, False),  # an int has lost the leading zeros
        ("٠٠١٠٨٨٠١٢٣٤٥", False),  # Arabic-Indic digits
        ("００１０８８０１２３４５", False),  # full-width digits
        ("²²²²²²²²²²²²", False),  # superscripts are "digits" to str.isdigit
    ],
)
def test_is_valid_cccd(text, valid):
    assert is_valid_cccd(text) is valid


@PROPERTY
@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_is_valid_cccd_accepts_any_twelve_digits(digits):
    assert is_valid_cccd(digits)
    assert is_valid_cccd(" ".join(digits[i : i + 3] for i in range(0, 12, 3)))
    assert not is_valid_cccd(digits[:-1])
    assert not is_valid_cccd(digits + "0")


# --------------------------------------------------------------------------------------------------------------------
# Module hygiene
# --------------------------------------------------------------------------------------------------------------------


def test_module_imports_without_django():
    import subprocess
    import sys

    code = "import sys, thidua.core.vn; assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("name", vn.__all__)
def test_public_functions_have_docstrings(name):
    assert getattr(vn, name).__doc__


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2000, 5, 10), 16, date(2016, 5, 10)),
        (date(2000, 2, 29), 1, date(2001, 2, 28)),
        (date(2000, 2, 29), 4, date(2004, 2, 29)),
        (date(1990, 12, 31), 25, date(2015, 12, 31)),
    ],
)
def test_add_years(day, years, expected):
    assert vn.add_years(day, years) == expected


@pytest.mark.parametrize(
    ("months", "expected"),
    [(0, "0 tháng"), (-5, "0 tháng"), (1, "1 tháng"), (11, "11 tháng"), (12, "1 năm"), (303, "25 năm 3 tháng")],
)
def test_format_months(months, expected):
    assert vn.format_months(months) == expected
