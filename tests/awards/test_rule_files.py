"""The shipped rule files are stored as rule versions once; a changed file becomes a new version."""

import pytest

from thidua.awards.eligibility.models import RuleVersion
from thidua.awards.eligibility.rules import load_rule_files, rule_files
from thidua.awards.eligibility.rules.loader import FILES_DIR

pytestmark = pytest.mark.django_db


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
