"""Rule sets as data: the pydantic schema of rule documents, their validation, and the shipped rule files."""

from .loader import RuleDocumentError, checksum, document_json, load_rule_files, parse_file, rule_files, validate
from .schema import RuleDocument

__all__ = [
    "RuleDocument",
    "RuleDocumentError",
    "checksum",
    "document_json",
    "load_rule_files",
    "parse_file",
    "rule_files",
    "validate",
]
