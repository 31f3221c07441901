"""The award catalogue of DOMAIN.md §5 is seeded by the data migration with kinds, families and reward multiples."""

from decimal import Decimal

import pytest

from thidua.awards.catalogue import CATALOGUE, seed_catalogue
from thidua.awards.models import Award, RuleVersion
from thidua.awards.rules import load_rule_files, rule_files
from thidua.awards.rules.loader import FILES_DIR

pytestmark = pytest.mark.django_db

EXPECTED = [
    "CSTT", "LDTT", "CSTDCS", "CSTDTQ", "CSTD_TOAN_QUOC", "DVTT", "TTLDTT", "DVQT", "TTLDXS", "CO_DVTT_BQP",
    "CO_BQP", "CO_CP", "GK", "BKBQP", "BKTTCP", "HCCSVV_HANG_BA", "HCCSVV_HANG_NHI", "HCCSVV_HANG_NHAT", "HC_QKQT",
    "HCBVTQ_HANG_BA", "HCBVTQ_HANG_NHI", "HCBVTQ_HANG_NHAT", "KNC_VSNXD_QDNDVN",
]  # fmt: skip


def test_every_item_of_domain_section_5_is_seeded():
    codes = set(Award.objects.values_list("code", flat=True))
    assert set(EXPECTED) <= codes


@pytest.mark.parametrize(
    "code,kind,subject,family,person,unit",
    [
        ("CSTT", "danh_hieu", "ca_nhan", "ca_nhan_hang_nam", "0.3", None),
        ("CSTDCS", "danh_hieu", "ca_nhan", "ca_nhan_hang_nam", "1.0", None),
        ("CSTDTQ", "danh_hieu", "ca_nhan", "", "3.0", None),
        ("CSTD_TOAN_QUOC", "danh_hieu", "ca_nhan", "", "4.5", None),
        ("DVQT", "danh_hieu", "tap_the", "tap_the_hang_nam", None, "1.5"),
        ("DVTT", "danh_hieu", "tap_the", "tap_the_hang_nam", None, "0.8"),
        ("CO_CP", "danh_hieu", "tap_the", "", None, "12.0"),
        ("CO_BQP", "danh_hieu", "tap_the", "", None, "8.0"),
        ("CO_DVTT_BQP", "danh_hieu", "tap_the", "", None, "6.0"),
        ("BKBQP", "hinh_thuc", "ca_hai", "", "1.5", "3.0"),
        ("BKTTCP", "hinh_thuc", "ca_hai", "", "3.5", "7.0"),
        ("GK", "hinh_thuc", "ca_hai", "", "0.3", "0.6"),
        ("HCBVTQ_HANG_NHAT", "hinh_thuc", "ca_hai", "", "9.0", "18.0"),
        ("HC_QKQT", "hinh_thuc", "ca_nhan", "", None, None),
    ],
)
def test_kind_family_and_reward_multiples(code, kind, subject, family, person, unit):
    award = Award.objects.get(code=code)
    assert (award.kind, award.subject, award.family) == (kind, subject, family)
    assert award.reward_person == (Decimal(person) if person else None)
    assert award.reward_unit == (Decimal(unit) if unit else None)
    assert award.legal_basis


def test_titles_and_forms_are_distinct_and_service_medals_are_per_class():
    assert Award.objects.get(code="HCCSVV_HANG_BA").period == "nien_han"
    assert Award.objects.filter(code__startswith="HCCSVV", family="").count() == 3
    assert Award.objects.get(code="KNC_VSNXD_QDNDVN").verification == "REPO"


def test_seeding_is_idempotent():
    before = Award.objects.count()
    seed_catalogue(Award)
    seed_catalogue(Award, update=False)
    assert Award.objects.count() == before == len(CATALOGUE)


def test_rule_files_are_loaded_once_and_a_changed_file_is_a_new_version(tmp_path):
    # Every file is loaded (a browser test's flush re-seeds through post_migrate, so count at least the files).
    assert RuleVersion.objects.count() >= len(rule_files())
    assert load_rule_files() == []  # idempotent
    src = (FILES_DIR / "HC_QKQT_v1.toml").read_text(encoding="utf-8")
    (tmp_path / "HC_QKQT_v1.toml").write_text(src.replace("years = 25", "years = 26"), encoding="utf-8")
    newest = RuleVersion.objects.filter(award__code="HC_QKQT").order_by("-version").first().version
    created = load_rule_files(tmp_path)
    assert [(rv.award.code, rv.version) for rv in created] == [("HC_QKQT", newest + 1)]
    assert load_rule_files(tmp_path) == []
