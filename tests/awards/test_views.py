"""Eligibility pages: candidates (filters, caps, metadata, pagination, query budget, starting a run), the rule-set
page and its administrators' form, and a person's / a unit's live eligibility with the "what if" check."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.awards.eligibility_world import REASON_OK, make_elig, stored_run
from tests.awards.engine_helpers import person, title
from tests.conftest import make_user
from thidua.awards.eligibility.models import EligibilityResult
from thidua.awards.eligibility.selectors import compute_caps
from thidua.core.choices import Role
from thidua.core.models import Job
from thidua.org.models import Person

CANDIDATES = reverse("eligibility_candidates")


@pytest.fixture
def elig(tree, users, people):
    """Stored runs for tc and TCCT (see tests/awards/eligibility_world.py)."""
    return make_elig(tree, users, people)


def _page(client, user, **params):
    client.force_login(user)
    return client.get(CANDIDATES, params)


# --- candidates ------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_candidates_requires_login(client):
    response = client.get(CANDIDATES)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.django_db
def test_candidates_show_latest_run_with_reasons_caps_and_metadata(client, users, tree, elig):
    response = _page(client, users.officer, nam=2024, don_vi=tree.tc.pk)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Xét điều kiện khen thưởng" in body
    assert "Nguyễn Việt Hùng" in body and "Trần Thị Hoà" in body and "Nhà máy Z111" in body
    assert REASON_OK["citation"] in body
    assert "CSTĐCS: 1 đề xuất / trần 0" in body  # the engine's cap report (15 % of CSTT holders)
    counts = {row["award"].code: row for row in response.context["counts"]}
    assert (counts["CSTDCS"]["du"], counts["CSTDCS"]["sap_du"], counts["CSTDCS"]["chua_du"]) == (1, 1, 7)
    assert "ab" * 32 in body  # inputs hash
    # the rule versions used, by legal basis and validity, never by code or file
    assert "Luật Thi đua, khen thưởng 06/2022/QH15 Điều 23, hiệu lực từ 01/01/2024" in body
    assert "Thông tư 118/2023/TT-BQP, hiệu lực từ 01/01/2024" in body
    assert "CSTDCS v1" not in body and "Nguồn:" not in body and "rules/files" not in body
    assert "31/12/2025" in body  # soon date
    assert "Ngô Quang Phúc" not in body  # the other unit's run
    assert reverse("person_detail", args=[elig.run.results.first().person_id]) in body


@pytest.mark.django_db
def test_candidates_default_year_is_last_year(client, users):
    response = _page(client, users.officer)
    assert response.status_code == 302  # opens on the officer's own top unit
    assert f"don_vi={users.officer.role_assignments.get().unit_id}" in response["Location"]
    response = client.get(response["Location"])
    assert response.context["year"] == dt.date.today().year - 1
    assert response.context["filters"]["nam"].value() == str(dt.date.today().year - 1)  # the field shows it too
    assert response.context["unit"] == users.officer.role_assignments.get().unit


@pytest.mark.django_db
def test_candidates_without_any_unit_asks_to_choose(client, users):
    response = _page(client, users.norole)
    assert response.status_code == 200
    assert "Chọn năm và đơn vị" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params,shown,hidden",
    [
        ({"danh_hieu": "DVQT"}, ["Chưa vững mạnh toàn diện"], ["Nguyễn Việt Hùng"]),
        ({"ket_qua": "sap_du"}, ["Trần Thị Hoà"], ["Nguyễn Việt Hùng", "Chưa vững mạnh toàn diện"]),
        ({"q": "hoa"}, ["Trần Thị Hoà"], ["Nguyễn Việt Hùng"]),
        ({"q": "Hùng"}, ["Nguyễn Việt Hùng"], ["Trần Thị Hoà"]),
    ],
)
def test_candidates_filters(client, users, tree, elig, params, shown, hidden):
    body = _page(client, users.officer, nam=2024, don_vi=tree.tc.pk, **params).content.decode()
    table = body.split('class="table table-sm table-hover', 1)[1]
    for text in shown:
        assert text in table
    for text in hidden:
        assert text not in table


@pytest.mark.django_db
def test_candidates_out_of_scope_unit_is_404(client, users, tree, elig):
    assert _page(client, users.outsider, nam=2024, don_vi=tree.tc.pk).status_code == 404
    assert _page(client, users.norole, nam=2024, don_vi=tree.tc.pk).status_code == 404
    assert _page(client, users.viewer, nam=2024, don_vi=tree.tc.pk).status_code == 200


@pytest.mark.django_db
def test_candidates_hide_rows_of_units_outside_a_non_descendant_role(client, tree, elig):
    """A viewer of tc alone (without descendants) sees the run of tc but not the rows of Z111."""
    user = make_user("tc-only", Role.VIEWER, tree.tc, include_descendants=False)
    body = _page(client, user, nam=2024, don_vi=tree.tc.pk).content.decode()
    assert "Nguyễn Việt Hùng" in body and "Trần Thị Hoà" not in body


@pytest.mark.django_db
def test_candidates_query_budget_and_pagination(client, users, tree, people, elig, django_assert_max_num_queries):
    rows = [
        (elig.cstdcs, people.hung if i % 2 else people.worker, tree.tc, "du", None, [REASON_OK]) for i in range(120)
    ]
    run = stored_run(tree.tc, user=users.officer, results=rows)
    run.summary = {**run.summary, "_caps": compute_caps(run)}  # what the run's job stores when it finishes
    run.save()
    assert run.summary["_caps"][0]["text"].startswith("CSTĐCS: ")
    client.force_login(users.officer)
    with django_assert_max_num_queries(16):  # 15 + the navbar's unread-notification count
        response = client.get(CANDIDATES, {"nam": 2024, "don_vi": tree.tc.pk})
    assert response.context["run"] == run
    page = response.context["page"]
    assert page.paginator.count == 120 and len(page.object_list) == 50
    with django_assert_max_num_queries(16):
        last = client.get(CANDIDATES, {"nam": 2024, "don_vi": tree.tc.pk, "trang": 3})
    assert len(last.context["page"].object_list) == 20


@pytest.mark.django_db
def test_run_start_enqueues_a_job_and_shows_its_progress(client, users, tree, settings):
    settings.THIDUA_JOBS_INLINE = False
    client.force_login(users.officer)
    response = client.post(reverse("eligibility_run_start"), {"nam": 2024, "don_vi": tree.cuc.pk})
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.kind == "awards.eligibility" and job.params == {"year": 2024, "unit": tree.cuc.pk}
    assert job.created_by == users.officer and job.unit == tree.cuc
    body = client.get(response["Location"]).content.decode()
    assert f'hx-get="{reverse("job_status", args=[job.pk])}"' in body and 'hx-trigger="every 1s"' in body
    assert "<progress" in body and "style=" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["viewer", "outsider", "norole"])
def test_run_start_needs_change_scope(client, users, tree, who):
    client.force_login(getattr(users, who))
    assert client.post(reverse("eligibility_run_start"), {"nam": 2024, "don_vi": tree.tc.pk}).status_code == 404
    assert not Job.objects.exists()


# --- rule sets -------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_rules_page_renders_conditions_with_citations_and_unverified_labels(client, users, elig):
    client.force_login(users.viewer)
    body = client.get(reverse("rules")).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in body
    assert "Hoàn thành xuất sắc nhiệm vụ trong năm" in body
    assert "Luật 06/2022 Điều 23 khoản 1 điểm b" in body  # nested condition's citation
    assert "[chưa xác minh — giá trị mặc định]" in body  # the cap is an unverified default
    assert "Không quá 15% số đạt CSTT" in body
    assert reverse("rule_version_add") not in body  # not an administrator


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["officer", "viewer", "norole", "outsider"])
def test_rule_version_form_is_for_administrators_only(client, users, who):
    client.force_login(getattr(users, who))
    assert client.get(reverse("rule_version_add")).status_code == 404
    assert client.post(reverse("rule_version_add"), {"document": "{}"}).status_code == 404


@pytest.mark.django_db
def test_rule_version_form_reports_syntax_errors(client, users):
    client.force_login(users.admin)
    response = client.post(reverse("rule_version_add"), {"document": '{"award": '})
    assert response.status_code == 200
    assert "JSON không hợp lệ" in str(response.context["form"].errors)
    response = client.post(reverse("rule_version_add"), {"document": "award = "})
    assert "TOML không hợp lệ" in str(response.context["form"].errors)


# --- person and unit eligibility -------------------------------------------------------------------------------------


class FakeVerdict:
    def __init__(self, code, outcome, reasons, soon_on=None):
        self.award_code, self.outcome, self.reasons, self.soon_on = code, outcome, reasons, soon_on


class FakeReason:
    def __init__(self, text, citation, met):
        self.text, self.citation, self.met = text, citation, met


@pytest.fixture
def fake_engine(monkeypatch):
    """Replace the engine's ``explain`` and the what-if check by stubs recording their calls: these tests are about
    the pages, not the rules (the real engine is exercised in test_whatif and the engine's own tests)."""
    from thidua.awards.eligibility import engine, whatif

    calls = []

    def explain(subject, code, year):
        calls.append((subject, code, year, None))
        return FakeVerdict(code, "chua_du", [FakeReason(f"Chưa đủ {code}", "Luật 06/2022 Điều 23", False)])

    def what_if(subject, codes, year, overrides):
        out = []
        for code in codes:
            calls.append((subject, code, year, overrides))
            out.append(FakeVerdict(code, "du", [FakeReason("Giả định HTXSNV năm xét", "Luật 06/2022 Điều 23", True)]))
        return out

    monkeypatch.setattr(engine, "explain", explain)
    monkeypatch.setattr(engine, "rules_in_force", lambda year, codes=None: dict.fromkeys(codes or []))
    monkeypatch.setattr(whatif, "what_if", what_if)
    return calls


@pytest.mark.django_db
def test_person_eligibility_lists_person_awards_with_reasons(client, users, people, elig, fake_engine):
    client.force_login(users.officer)
    response = client.get(reverse("person_eligibility", args=[people.hung.pk]), {"nam": 2025})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chưa đủ CSTDCS" in body and "Luật 06/2022 Điều 23" in body
    assert {code for _, code, _, _ in fake_engine} >= {"CSTDCS"}
    assert "DVQT" not in {code for _, code, _, _ in fake_engine}  # a collective award is not asked for a person
    assert all(year == 2025 and isinstance(subject, Person) for subject, _, year, _ in fake_engine)


@pytest.mark.django_db
def test_what_if_recomputes_with_overrides_and_saves_nothing(client, users, people, elig, fake_engine):
    client.force_login(users.officer)
    url = reverse("person_eligibility", args=[people.hung.pk])
    before = EligibilityResult.objects.count()
    response = client.get(url, {"nam": 2025, "gia_dinh": "1", "xep_loai": "htxsnv", "sang_kien_co_so": "on"})
    body = response.content.decode()
    assert "Giả định HTXSNV năm xét" in body
    assert {"rating": "htxsnv", "initiative_level": "co_so"} in [o for *_, o in fake_engine]
    assert EligibilityResult.objects.count() == before


@pytest.mark.django_db
def test_unit_eligibility_lists_collective_awards(client, users, tree, elig, fake_engine):
    client.force_login(users.viewer)
    response = client.get(reverse("unit_eligibility", args=[tree.nm.pk]), {"nam": 2024})
    assert response.status_code == 200
    assert [code for _, code, _, _ in fake_engine if code in ("DVQT", "CSTDCS")] == ["DVQT"]


@pytest.mark.django_db
@pytest.mark.parametrize("who,status", [("outsider", 404), ("norole", 404), ("viewer", 200), ("officer", 200)])
def test_person_and_unit_eligibility_scope(client, users, tree, people, elig, fake_engine, who, status):
    client.force_login(getattr(users, who))
    assert client.get(reverse("person_eligibility", args=[people.hung.pk])).status_code == status
    assert client.get(reverse("unit_eligibility", args=[tree.tc.pk])).status_code == status


# --- with the real engine --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_run_job_end_to_end_with_the_engine(client, users, tree, people, settings, django_capture_on_commit_callbacks):
    """ "Chạy xét" runs the engine inline after commit; the page then shows the stored run with reasons."""
    from thidua.records.models import PersonRating

    settings.THIDUA_JOBS_INLINE = True
    PersonRating.objects.create(person=people.hung, year=2024, rating="httnv")
    client.force_login(users.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("eligibility_run_start"), {"nam": 2024, "don_vi": tree.tc.pk})
    job = Job.objects.get()
    assert job.status == "done", job.log
    assert job.result["url"] == response["Location"]
    page = client.get(CANDIDATES, {"nam": 2024, "don_vi": tree.tc.pk, "danh_hieu": "CSTT"})
    body = page.content.decode()
    assert page.context["run"].pk == job.result["run"]
    assert "Nguyễn Việt Hùng" in body and "Hoàn thành tốt nhiệm vụ trở lên" in body
    assert "Luật 06/2022 Điều 24 khoản 1 điểm a" in body
    assert "_caps" in page.context["run"].summary


@pytest.mark.django_db
def test_what_if_with_the_engine(client, users, people):
    """Without a 2024 rating Hùng's CSTT awaits the rating (sắp đủ); "if rated HTTNV" he is — nothing is saved."""
    from thidua.records.models import PersonRating

    client.force_login(users.officer)
    url = reverse("person_eligibility", args=[people.hung.pk])
    plain = client.get(url, {"nam": 2024}).context["verdicts"]
    assert next(v for v in plain if v.award.code == "CSTT").outcome == "sap_du"
    response = client.get(url, {"nam": 2024, "gia_dinh": "1", "xep_loai": "httnv"})
    assert next(v for v in response.context["whatif_verdicts"] if v.award.code == "CSTT").outcome == "du"
    assert not PersonRating.objects.exists()


@pytest.mark.django_db
def test_unit_eligibility_with_the_engine(client, users, tree):
    client.force_login(users.officer)
    response = client.get(reverse("unit_eligibility", args=[tree.nm.pk]), {"nam": 2024})
    codes = {v.award.code for v in response.context["verdicts"]}
    assert "DVQT" in codes and "CSTT" not in codes
    assert all(v.reasons or v.error for v in response.context["verdicts"])


@pytest.mark.django_db
def test_administrator_adds_a_rule_version(client, users):
    from thidua.awards.eligibility.models import RuleVersion

    client.force_login(users.admin)
    path = "src/thidua/awards/eligibility/rules/files/CSTT_v2.toml"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    before = RuleVersion.objects.filter(award__code="CSTT").count()
    response = client.post(reverse("rule_version_add"), {"document": text, "source": "Thử nghiệm"})
    assert response.status_code == 302, response.context["form"].errors
    assert RuleVersion.objects.filter(award__code="CSTT").count() == before + 1
    page = client.get(reverse("rules")).content.decode()
    new = RuleVersion.objects.filter(award__code="CSTT").order_by("-version").first()
    assert f"{new.legal_basis}</div>" in page and "Hiệu lực từ" in page
    assert "rules/files" not in page and "Nguồn:" not in page


@pytest.mark.django_db
def test_invalid_rule_document_shows_the_faulty_field_path(client, users):
    client.force_login(users.admin)
    path = "src/thidua/awards/eligibility/rules/files/CSTT_v2.toml"
    with open(path, encoding="utf-8") as f:
        text = f.read().replace('level = "httnv"', 'level = "rat_tot"')
    response = client.post(reverse("rule_version_add"), {"document": text})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["document"])
    assert "conditions[1].params.level" in errors


@pytest.mark.django_db
def test_rule_document_can_be_uploaded(client, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.awards.eligibility.models import RuleVersion

    client.force_login(users.admin)
    with open("src/thidua/awards/eligibility/rules/files/LDTT_v2.toml", "rb") as f:
        upload = SimpleUploadedFile("LDTT.toml", f.read())
    before = RuleVersion.objects.count()
    assert client.post(reverse("rule_version_add"), {"file": upload}).status_code == 302
    assert RuleVersion.objects.count() == before + 1


@pytest.mark.django_db
def test_junk_year_falls_back_to_the_default(client, users, tree, elig):
    response = _page(client, users.officer, nam="abc", don_vi=tree.tc.pk)
    assert response.status_code == 200 and response.context["unit"] == tree.tc
    assert response.context["year"] == dt.date.today().year - 1


# --- readability: "không thuộc đối tượng", "đã đạt", collapsed reasons (issue 9 item 8) --------------------------


@pytest.mark.django_db
def test_person_page_tells_not_applicable_and_received_apart_from_not_eligible(client, users, tree):
    client.force_login(users.officer)
    worker = person(tree.nm, category="cnvqp", ratings={2024: "httnv"})
    body = client.get(reverse("person_eligibility", args=[worker.pk]), {"nam": 2024}).content.decode()
    row = body.split("Chiến sĩ tiên tiến", 1)[1].split("</tr>", 1)[0]
    assert "Không thuộc đối tượng" in row and "Chưa đủ" not in row
    soldier = person(tree.nm, category="si_quan", ratings={2024: "httnv"}, titles={2024: "CSTT"})
    body = client.get(reverse("person_eligibility", args=[soldier.pk]), {"nam": 2024}).content.decode()
    row = body.split("Chiến sĩ tiên tiến", 1)[1].split("</tr>", 1)[0]
    assert "Đã đạt" in row and "Đủ điều kiện" not in row


@pytest.mark.django_db
def test_person_page_shows_the_first_failed_condition_and_the_rest_on_demand(client, users, tree):
    client.force_login(users.officer)
    soldier = person(tree.nm, category="si_quan", ratings={2024: "htnv"})
    body = client.get(reverse("person_eligibility", args=[soldier.pk]), {"nam": 2024}).content.decode()
    row = body.split("Chiến sĩ tiên tiến", 1)[1].split("</tr>", 1)[0]
    first, hidden = row.split("<details", 1)
    assert "HTNV" in first or "hoàn thành" in first.lower()  # the failed rating, shown
    assert "điều kiện khác</summary>" in hidden and "<script" not in body.split("<main", 1)[1]


@pytest.mark.django_db
def test_candidates_show_received_titles_and_count_not_applicable_apart(client, users, tree, people, elig):
    title(people.hung, "CSTDCS", 2024)
    elig.run.summary = {"CSTDCS": {"du": 1, "sap_du": 1, "chua_du": 5, "khong_thuoc": 2}}
    elig.run.save(update_fields=["summary"])
    response = _page(client, users.officer, nam=2024, don_vi=tree.tc.pk)
    body = response.content.decode()
    hung = body.split("Nguyễn Việt Hùng", 1)[1].split("</tr>", 1)[0]
    assert "Đã đạt" in hung and "Đủ điều kiện" not in hung
    assert "Không thuộc đối tượng</th>" in body
    counts = {row["award"].code: row for row in response.context["counts"]}
    assert (counts["CSTDCS"]["chua_du"], counts["CSTDCS"]["khong_thuoc"]) == (5, 2)
    export = client.get(CANDIDATES, {"nam": 2024, "don_vi": tree.tc.pk, "export": "xlsx"})
    cells = [c.value for row in load_workbook(io.BytesIO(export.content)).active.iter_rows() for c in row]
    assert "Đã đạt" in cells
    assert not any(isinstance(v, str) and ("rules/files" in v or "CSTDCS v" in v) for v in cells)
