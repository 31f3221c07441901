"""Validating rule documents and loading the rule files shipped in ``files/`` as RuleVersion rows.

:func:`validate` turns raw data (a parsed TOML file, or JSON from the admin editor) into a :class:`RuleDocument`, or
raises :class:`RuleDocumentError` naming the faulty field the way an administrator reads it
(``conditions[1].params.length``). :func:`load_rule_files` is idempotent: a file whose content is already stored is
skipped; a changed file becomes a new version of its award.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from thidua.catalogue.seed import award_codes

from .schema import PREDICATE_MODELS, AllOf, AnyOf, RuleDocument

FILES_DIR = Path(__file__).parent / "files"
_TAGS = set(PREDICATE_MODELS) | {"all_of", "any_of"}
AWARD_CODES = award_codes()


class RuleDocumentError(ValueError):
    """A rule document that does not validate: ``path`` is the faulty field (``conditions[1].params.length``)."""

    def __init__(self, path: str, message: str, file: str = ""):
        self.path = path
        self.message = message
        self.file = file
        where = f"{file}: " if file else ""
        super().__init__(f"{where}{path or '(tài liệu)'}: {message}")


def _format_loc(loc: tuple) -> str:
    """('conditions', 1, 'title_streak', 'params', 'length') → 'conditions[1].params.length'."""
    out = ""
    previous_index = False
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            previous_index = True
            continue
        if previous_index and part in _TAGS:
            previous_index = False
            continue  # the union tag pydantic inserts after a list index
        previous_index = False
        out += ("." if out else "") + str(part)
    return out


def validate(data: Any) -> RuleDocument:
    """Validate raw rule data; raise RuleDocumentError with the path of the first faulty field."""
    try:
        doc = RuleDocument.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise RuleDocumentError(_format_loc(first["loc"]), first["msg"]) from None
    if doc.award not in AWARD_CODES:
        raise RuleDocumentError("award", f"không có mã '{doc.award}' trong danh mục khen thưởng")
    _check_codes(doc.conditions, "conditions")
    _check_codes(doc.exclusions, "exclusions")
    if doc.cap and doc.cap.lower_title and doc.cap.lower_title not in AWARD_CODES:
        raise RuleDocumentError("cap.lower_title", f"không có mã '{doc.cap.lower_title}' trong danh mục")
    return doc


def _check_codes(conditions, path: str) -> None:
    """Award codes named in parameters must exist in the catalogue."""
    for i, cond in enumerate(conditions):
        here = f"{path}[{i}]"
        if isinstance(cond, AllOf):
            _check_codes(cond.all_of, here + ".all_of")
        elif isinstance(cond, AnyOf):
            _check_codes(cond.any_of, here + ".any_of")
        else:
            for key in ("titles", "awards"):
                for j, code in enumerate(getattr(cond.params, key, None) or []):
                    if code not in AWARD_CODES:
                        raise RuleDocumentError(f"{here}.params.{key}[{j}]", f"không có mã '{code}' trong danh mục")


def parse_file(path: Path) -> RuleDocument:
    """Read and validate one TOML rule file (errors carry the file name)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleDocumentError("", f"TOML không hợp lệ: {exc}", file=path.name) from None
    try:
        return validate(data)
    except RuleDocumentError as exc:
        raise RuleDocumentError(exc.path, exc.message, file=path.name) from None


def document_json(doc: RuleDocument) -> dict:
    """The stored JSON form of a document (dates as ISO strings, defaults filled in)."""
    return doc.model_dump(mode="json")


def checksum(doc: RuleDocument | dict) -> str:
    """sha256 of the canonical JSON of a document, ignoring its version number (content identity)."""
    data = document_json(doc) if isinstance(doc, RuleDocument) else dict(doc)
    data = {k: v for k, v in data.items() if k != "version"}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def rule_files(directory: Path | None = None) -> list[Path]:
    """The shipped rule files, in name order."""
    return sorted((directory or FILES_DIR).glob("*.toml"))


def load_rule_files(directory: Path | None = None, *, award_model=None, rule_model=None) -> list:
    """Store every rule file as a RuleVersion unless the same content is already stored; returns the new rows.

    The model classes can be passed in so a data migration can use its historical models.
    """
    if award_model is None or rule_model is None:
        from thidua.catalogue.models import Award

        from ..models import RuleVersion

        award_model, rule_model = award_model or Award, rule_model or RuleVersion
    created = []
    awards = {a.code: a for a in award_model.objects.all()}
    for path in rule_files(directory):
        doc = parse_file(path)
        award = awards.get(doc.award)
        if award is None:
            continue  # catalogue not seeded yet (an early migration state)
        digest = checksum(doc)
        existing = rule_model.objects.filter(award=award)
        if existing.filter(checksum=digest).exists():
            continue
        numbers = set(existing.values_list("version", flat=True))
        version = doc.version if doc.version not in numbers else max(numbers) + 1
        data = document_json(doc)
        data["version"] = version
        created.append(
            rule_model.objects.create(
                award=award,
                version=version,
                valid_from=doc.valid_from,
                valid_to=doc.valid_to,
                legal_basis=doc.legal_basis,
                document=data,
                source=f"awards/eligibility/rules/files/{path.name}",
                checksum=digest,
            )
        )
    return created
