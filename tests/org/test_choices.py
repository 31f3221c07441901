"""Ranks: order, which category may hold which rank, and reading a rank from text in any spelling."""

from __future__ import annotations

import pytest

from thidua.org.choices import CATEGORY_RANKS, GENERAL_RANKS, RANK_ORDER, Category, Rank, rank_from_text

OFFICER_LADDER = [
    "thieu_uy",
    "trung_uy",
    "thuong_uy",
    "dai_uy",
    "thieu_ta",
    "trung_ta",
    "thuong_ta",
    "dai_ta",
    "thieu_tuong",
    "trung_tuong",
    "thuong_tuong",
    "dai_tuong",
]
QNCN_LADDER = [
    "thieu_uy_qncn",
    "trung_uy_qncn",
    "thuong_uy_qncn",
    "dai_uy_qncn",
    "thieu_ta_qncn",
    "trung_ta_qncn",
    "thuong_ta_qncn",
]
ENLISTED_LADDER = ["binh_nhi", "binh_nhat", "ha_si", "trung_si", "thuong_si"]


@pytest.mark.parametrize("ladder", [OFFICER_LADDER, QNCN_LADDER, ENLISTED_LADDER])
def test_ladders_strictly_ascend(ladder):
    steps = [RANK_ORDER[r] for r in ladder]
    assert steps == sorted(steps) and len(set(steps)) == len(steps)


@pytest.mark.parametrize(
    ("admiral", "general"),
    [("chuan_do_doc", "thieu_tuong"), ("pho_do_doc", "trung_tuong"), ("do_doc", "thuong_tuong")],
)
def test_admirals_stand_at_the_general_step(admiral, general):
    assert RANK_ORDER[admiral] == RANK_ORDER[general]
    assert RANK_ORDER["dai_ta"] < RANK_ORDER[admiral] < RANK_ORDER["dai_tuong"]


def test_every_rank_has_an_order():
    assert set(RANK_ORDER) == set(Rank.values)
    assert RANK_ORDER["thieu_uy"] < RANK_ORDER["dai_tuong"]
    assert RANK_ORDER["thuong_si"] < RANK_ORDER["thieu_uy_qncn"] < RANK_ORDER["thieu_uy"]


def test_category_ranks_are_consistent():
    assert set(CATEGORY_RANKS) == set(Category.values)
    assert CATEGORY_RANKS[Category.OFFICER] == set(OFFICER_LADDER) | {"chuan_do_doc", "pho_do_doc", "do_doc"}
    assert CATEGORY_RANKS[Category.PROFESSIONAL] == set(QNCN_LADDER)
    assert CATEGORY_RANKS[Category.ENLISTED] == set(ENLISTED_LADDER)
    assert CATEGORY_RANKS[Category.DEFENCE_WORKER] == CATEGORY_RANKS[Category.CONTRACT] == frozenset()
    ranked = [r for cat in CATEGORY_RANKS.values() for r in cat]
    assert len(ranked) == len(set(ranked)) == len(Rank.values)  # each rank in exactly one category
    assert CATEGORY_RANKS[Category.OFFICER] >= GENERAL_RANKS
    assert "dai_ta" not in GENERAL_RANKS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dai_ta", "dai_ta"),
        ("Đại tá", "dai_ta"),
        ("ĐẠI TÁ", "dai_ta"),
        ("đại tá", "dai_ta"),
        ("  Đại   tá ", "dai_ta"),
        ("Dai ta", "dai_ta"),
        ("Thiếu uý", "thieu_uy"),
        ("Thiếu úy", "thieu_uy"),
        ("Ðại tướng", "dai_tuong"),  # U+00D0, the Icelandic look-alike
        ("Đại tướng", "dai_tuong"),
        ("Thượng tá QNCN", "thuong_ta_qncn"),
        ("Thượng tá quân nhân chuyên nghiệp", "thuong_ta_qncn"),
        ("Thiếu uý QNCN", "thieu_uy_qncn"),
        ("Chuẩn Đô đốc Hải quân", "chuan_do_doc"),
        ("Binh nhì", "binh_nhi"),
        ("Thiếu tướng", "thieu_tuong"),
        ("Đại soái", None),
        ("Thiếu", None),
        ("", None),
        (None, None),
    ],
)
def test_rank_from_text(text, expected):
    assert rank_from_text(text) == expected
