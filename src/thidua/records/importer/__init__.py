"""Import past records (ratings, titles and awards received, initiatives) from an Excel list, all or nothing.

The upload is checked before it is parsed (size, ``.xlsx`` name, a zip with a workbook inside and a bounded
uncompressed size), read with python-calamine, and every row is applied through the record services inside one
transaction, each row in its own savepoint so one bad row does not hide the next. Any error — a bad cell, a person
not found, a second title of one family in a year — rolls the whole file back and returns a row-by-row report:
"Dòng 7, cột «Ngày sinh»: Ngày không hợp lệ: 31/02/1980".

People are matched by CCCD, else by name + birth date + unit, comparing ``vn.search_key`` values (case, diacritics
and tone placement do not matter), among the people the user may change only.

The package: :mod:`.upload` (the file checks and the header), :mod:`.rows` (each row's cells, every error of a row,
control characters), :mod:`.apply` (matching people and awards, duplicates within the file, the all-or-nothing
transaction) and :mod:`.jobs` (the import as a background job and its report).
"""

from .apply import ImportReport, import_records
from .jobs import IMPORT_JOB, import_start, report_of, run_import, upload_path
from .rows import import_control_characters
from .upload import MAX_BYTES, ImportRefused, check_upload, read_rows

__all__ = [
    "IMPORT_JOB",
    "MAX_BYTES",
    "ImportRefused",
    "ImportReport",
    "check_upload",
    "import_control_characters",
    "import_records",
    "import_start",
    "read_rows",
    "report_of",
    "run_import",
    "upload_path",
]
