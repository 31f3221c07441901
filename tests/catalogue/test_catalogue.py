"""The award catalogue of DOMAIN.md §5 is seeded from its data file by the data migration, with kinds, families and
reward multiples; the engine and the rule loader read codes, names and families from the same file."""

from decimal import Decimal

import pytest

from thidua.catalogue.models import Award
from thidua.catalogue.seed import catalogue_items, seed_catalogue

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
    assert Award.objects.count() == before == len(catalogue_items())


def test_the_data_file_is_the_one_source_of_codes_names_and_families():
    from thidua.awards.eligibility.engine.predicates import FAMILY
    from thidua.awards.eligibility.engine.predicates_unit import AWARD_NAMES
    from thidua.awards.eligibility.rules.loader import AWARD_CODES

    table = {a.code: (a.name, a.family) for a in Award.objects.all()}
    assert AWARD_CODES == set(table) == {item["code"] for item in catalogue_items()}
    assert {code: name for code, (name, _) in table.items()} == AWARD_NAMES
    assert FAMILY["CSTT"] == {code for code, (_, family) in table.items() if family == "ca_nhan_hang_nam"}
