"""The bulk run's judging loop: one task per rule and kind of subject, judged on facts loaded once.

Each task computes its rule's candidates from the run's index (a superset of the subjects who can be anything but
"chưa đủ"), orders the rule's steps on a sample, then judges the candidates with the shared predicates. Splitting the
tasks over two forked processes was measured on 200,000 people and gained under 10 % of the run (copy-on-write page
faults and the loss of the shared index cost about as much as the second core gave), so the run stays in one process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .predicates import FAIL, MET, SOON
from .sure import shortcut


@dataclass
class Task:
    """One rule over one kind of subject: the compiled rule, the subjects, a sample to order the rule's steps on, and
    the run's index of simple facts (None: no pre-filter, everyone is judged)."""

    rule: Any
    subjects: dict
    sample: list
    index: Any = None
    deepen: Callable | None = None  # adds older rating years for the candidates (None: everyone) before judging

    @property
    def work(self) -> int:
        """Estimated cost before judging: subjects times steps (the pre-filter usually removes most subjects)."""
        return len(self.subjects) * (4 + len(self.rule.steps)) // (4 if self.index is not None else 1)


def judge(task: Task, ctx, keep_all: bool) -> tuple[list[int], list[tuple]]:
    """Judge a task's subjects: the counts by status (FAIL, SOON, MET) and the kept ``(facts, status, soon)``.

    The rule's candidates come from the run's index (its sets are built on first use and shared by the tasks); everyone
    outside them fails a condition without being judged and is counted, not kept (a run that keeps every verdict has
    no index). The steps are ordered on the sample so that the most often failing cheap ones come first; a subject
    certainly passing some steps (:mod:`.sure`) is judged on the others only.
    """
    counts = [0, 0, 0]
    kept: list[tuple] = []
    append = kept.append
    subjects = task.subjects
    cand = task.rule.candidates(task.index, ctx) if task.index is not None else None
    if task.deepen is not None:
        task.deepen(cand)
    if cand is not None:
        counts[FAIL] += len(subjects) - len(cand)
        if not cand:
            return counts, kept
    steps = task.rule.tuned_steps(task.sample, ctx, task.index)
    sure, rest = shortcut(steps, task.index, ctx, cand)
    judged = cand  # the ids left to judge (None: every subject); a rule may keep a few thousand of 200,000 people
    if sure and not rest:  # certainly eligible without a predicate call; the others are judged below
        counts[MET] += len(sure)
        kept.extend([(f, MET, None) for f in map(subjects.__getitem__, sorted(sure))])
        judged = (subjects.keys() if cand is None else cand) - sure
    chosen = subjects.values() if judged is None else map(subjects.__getitem__, sorted(judged))
    for f in chosen:
        status, soon = MET, None
        for fn, params, exclusion in steps if sure is None or f.id not in sure else rest:
            s, so, _ = fn(params, f, ctx, False)
            if s == MET:
                continue
            if s == FAIL or exclusion:
                status, soon = FAIL, None
                break
            if status == MET or so > soon:
                status, soon = SOON, so
        counts[status] += 1
        if status or keep_all:
            append((f, status, soon))
    return counts, kept


def judge_all(tasks: list[Task], ctx, keep_all: bool, progress=None) -> list[tuple]:
    """``(counts, kept)`` for every task, in task order; ``progress(fraction)`` after each task, by estimated work."""
    total = sum(t.work for t in tasks) or 1
    out, done = [], 0
    for task in tasks:
        out.append(judge(task, ctx, keep_all))
        done += task.work
        if progress is not None:
            progress(min(1.0, done / total))
    return out


__all__ = ["Task", "judge", "judge_all"]
