"""Small helpers the browser flows share: picking an option the way a user reads it, accepting confirmations,
downloading a Word file and reading its text."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from playwright.sync_api import expect


def field(page, label: str):
    """The form control labelled exactly ``label`` (a required field's label ends with a "*" mark)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*\*?$"))


def choose(select, text: str) -> None:
    """Pick the option of ``select`` whose visible text is ``text`` (the tree indentation of unit pickers ignored;
    a unit may be named without the parent part of its label, "Nhà máy Z111" for "Nhà máy Z111 — Tổng cục …", when
    that is unambiguous).

    ``select`` may be the search box of a searchable unit picker (its label points there): the choice is made on the
    select behind it. Waits for that option first: right after a click the next page may still be loading, and
    reading the options at once would find none."""
    first = select.first  # a searchable picker's label names its search box and its list box
    if first.evaluate("el => el.tagName") != "SELECT":
        select = select.page.locator("#" + first.get_attribute("id").removesuffix("-ts-control"))
    pattern = re.compile(rf"^\s*{re.escape(text)}(\s+—\s+.*)?\s*$")
    wanted = select.locator("option").filter(has_text=pattern)
    expect(wanted.first).to_be_attached()
    labels = [label.strip() for label in select.locator("option").all_text_contents()]
    exact = [i for i, label in enumerate(labels) if label == text]
    matches = exact or [i for i, label in enumerate(labels) if pattern.match(label)]
    assert len(matches) == 1, f"«{text}» is not exactly once among the options: {labels[:20]}"
    select.select_option(index=matches[0], force=True)


def accept_confirmations(page) -> None:
    """Answer "OK" to every confirmation the page asks (``data-confirm`` on forms and buttons)."""
    page.on("dialog", lambda dialog: dialog.accept())


def download_docx_text(page, link_name: str, path: Path) -> str:
    """Click the download link named ``link_name``, save the file to ``path`` and return all of its text
    (paragraphs, then table cells) with every run of whitespace made one space: the layout may break a long title
    over lines, which a reader does not see as a change of wording."""
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    info.value.save_as(path)
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(p.text for cell in row.cells for p in cell.paragraphs)
    return " ".join(" ".join(lines).split())
