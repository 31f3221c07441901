"""Rule documents: every shipped file validates; a faulty document is refused with the path of the faulty field."""

import copy
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.awards.eligibility.models import RuleVersion
from thidua.awards.eligibility.rules import RuleDocumentError, parse_file, rule_files, validate
from thidua.awards.eligibility.services import rule_version_create
from thidua.catalogue.models import Award
from thidua.core.models import AuditEvent

GOOD = {
    "award": "CSTDTQ",
    "version": 1,
    "valid_from": "2024-01-01",
    "legal_basis": "Luật 06/2022 Điều 22",
    "subject": "ca_nhan",
    "conditions": [
        {"predicate": "rating_at_least", "label": "HTTNV", "params": {"level": "httnv"}},
        {"predicate": "title_streak", "label": "3 CSTĐCS", "params": {"titles": ["CSTDCS"], "length": 3}},
        {
            "any_of": [
                {"predicate": "achievement_count", "label": "SK", "params": {"kinds": ["sang_kien"], "count": 1}},
                {"predicate": "no_pending_review", "label": "x"},
            ],
            "label": "nhóm",
        },
    ],
}


@pytest.mark.parametrize("path", rule_files(), ids=lambda p: p.name)
def test_every_shipped_file_validates(path):
    doc = parse_file(path)
    assert doc.legal_basis and doc.conditions


def test_unverified_values_are_flagged():
    doc = parse_file(next(p for p in rule_files() if p.name == "KNC_VSNXD_QDNDVN_v1.toml"))
    assert doc.conditions[0].unverified is True
    cstdcs = parse_file(next(p for p in rule_files() if p.name == "CSTDCS_v2.toml"))
    assert cstdcs.cap.enabled is False and cstdcs.cap.unverified is True


def _bad(mutate):
    data = copy.deepcopy(GOOD)
    mutate(data)
    return data


@pytest.mark.parametrize(
    "mutate,path",
    [
        (lambda d: d["conditions"][1]["params"].update(length=0), "conditions[1].params.length"),
        (lambda d: d["conditions"][1]["params"].update(lenght=3), "conditions[1].params.lenght"),
        (lambda d: d["conditions"][0]["params"].update(level="gioi"), "conditions[0].params.level"),
        (lambda d: d["conditions"][2]["any_of"][0]["params"].update(kinds=[]), "conditions[2].any_of[0].params.kinds"),
        (lambda d: d["conditions"][1].pop("label"), "conditions[1].label"),
        (lambda d: d["conditions"][0].update(predicate="bogus"), "conditions[0]"),
        (lambda d: d.update(valid_from="31/12/2024"), "valid_from"),
        (lambda d: d.update(extra_key=1), "extra_key"),
        (lambda d: d.update(award="KHONG_CO"), "award"),
        (lambda d: d["conditions"][1]["params"].update(titles=["XYZ"]), "conditions[1].params.titles[0]"),
        (lambda d: d.update(cap={"enabled": True, "percent": 10, "base": "lower_title_count"}), "cap"),
        (lambda d: d.update(conditions=[]), "conditions"),
    ],
)
def test_faulty_document_is_refused_with_the_field_path(mutate, path):
    with pytest.raises(RuleDocumentError) as exc:
        validate(_bad(mutate))
    assert exc.value.path == path
    assert path in str(exc.value) or path == ""


def test_unit_predicate_in_a_person_rule_is_refused():
    data = _bad(lambda d: d["conditions"].append({"predicate": "comprehensive_strong", "label": "VMTD"}))
    with pytest.raises(RuleDocumentError, match="không áp dụng"):
        validate(data)


def test_faulty_toml_file_names_file_and_path(tmp_path):
    bad = tmp_path / "X.toml"
    bad.write_text(
        'award = "CSTT"\nversion = 1\nvalid_from = 2024-01-01\nlegal_basis = "x"\nsubject = "ca_nhan"\n'
        '[[conditions]]\npredicate = "service_years"\nlabel = "x"\nparams = { years = 10, max_years = 5 }\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleDocumentError) as exc:
        parse_file(bad)
    assert exc.value.file == "X.toml" and exc.value.path == "conditions[0].params"


@pytest.mark.django_db
def test_rule_version_create_adds_a_new_version_and_audits():
    award = Award.objects.get(code="CSTDTQ")
    before = RuleVersion.objects.filter(award=award).count()
    rv = rule_version_create(actor=None, award=award, document=GOOD)
    assert rv.version == before + 1 and rv.valid_from == dt.date(2024, 1, 1)
    assert AuditEvent.objects.filter(event_type="rule_version.create", target_id=str(rv.pk)).exists()


@pytest.mark.django_db
def test_rule_version_create_refuses_a_faulty_document_and_saves_nothing():
    award = Award.objects.get(code="CSTDTQ")
    before = RuleVersion.objects.count()
    with pytest.raises(ValidationError) as exc:
        rule_version_create(
            actor=None, award=award, document=_bad(lambda d: d["conditions"][1]["params"].update(length=0))
        )
    assert "conditions[1].params.length" in str(exc.value)
    with pytest.raises(ValidationError):
        rule_version_create(actor=None, award=Award.objects.get(code="CSTT"), document=GOOD)
    assert RuleVersion.objects.count() == before
