"""The bulk run's judging loop, optionally split over two processes.

Facts are loaded once in the calling process. Each task is one rule over one kind of subject (people or units), with
the run's step order and, for people, the candidate pre-filter. With ``workers=2`` on a platform with ``fork`` and
enough work, the tasks are split in two halves of about equal estimated cost: a forked child judges one half on its
copy-on-write view of the same facts (it never touches the database) and sends back compact arrays through a pipe,
while the parent judges the other half. Any failure of the child falls back to judging its half in the parent, so
the outcome never depends on the split. Results come back in task order, each subject in the facts' order.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from array import array
from dataclasses import dataclass

from .predicates import FAIL, MET, SOON

# Below this many (subject, rule) judgements a fork costs more than it saves.
PARALLEL_MIN_WORK = 150_000


@dataclass
class Task:
    """One rule over one kind of subject: the ordered steps, the subjects, the candidates (None: everyone)."""

    steps: tuple
    subjects: dict
    candidates: set | None

    @property
    def work(self) -> int:
        """Estimated cost: judgements times steps (a step usually decides early, so steps count for little)."""
        n = len(self.subjects) if self.candidates is None else len(self.candidates)
        return n * (4 + len(self.steps))


def judge(task: Task, ctx, keep_all: bool) -> tuple[list[int], list[tuple]]:
    """Judge a task's subjects: the counts by status (FAIL, SOON, MET) and the kept ``(facts, status, soon)``.

    Everyone outside the candidates fails a condition without being judged; they are counted, not kept (unless the
    run keeps every verdict, in which case there are no candidates).
    """
    counts = [0, 0, 0]
    kept: list[tuple] = []
    append = kept.append
    cand = task.candidates
    steps = task.steps
    if cand is not None:
        counts[FAIL] += len(task.subjects) - len(cand)
    for f in task.subjects.values():
        if cand is not None and f.id not in cand:
            continue
        status, soon = MET, None
        for fn, params, exclusion in steps:
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


def _split(tasks: list[Task]) -> tuple[list[int], list[int]]:
    """Indexes of the tasks for the parent and for the child, greedily balanced by estimated work."""
    loads, halves = [0, 0], ([], [])
    for i in sorted(range(len(tasks)), key=lambda i: -tasks[i].work):
        side = 0 if loads[0] <= loads[1] else 1
        loads[side] += tasks[i].work
        halves[side].append(i)
    return sorted(halves[0]), sorted(halves[1])


def _pack(counts: list[int], kept: list[tuple]) -> tuple:
    """A judged task as compact arrays: counts, subject ids, statuses, soon dates as ordinals (0: none)."""
    ids = array("q", (f.id for f, _, _ in kept))
    statuses = array("b", (s for _, s, _ in kept))
    soons = array("l", (so.toordinal() if so else 0 for _, _, so in kept))
    return counts, ids, statuses, soons


def _unpack(task: Task, packed: tuple) -> tuple[list[int], list[tuple]]:
    """The inverse of :func:`_pack`, mapping ids back to the parent's facts."""
    counts, ids, statuses, soons = packed
    subjects, day = task.subjects, dt.date.fromordinal
    return counts, [(subjects[i], s, day(o) if o else None) for i, s, o in zip(ids, statuses, soons, strict=True)]


def _child(tasks: list[Task], indexes: list[int], ctx, keep_all: bool, write_fd: int) -> None:
    """In the forked child: judge the tasks, write the packed results to the pipe, exit without cleanup."""
    code = 1
    try:
        packed = {i: _pack(*judge(tasks[i], ctx, keep_all)) for i in indexes}
        data = pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)  # never run the parent's atexit handlers, finalisers or database teardown


def judge_all(tasks: list[Task], ctx, keep_all: bool, workers: int = 2, progress=None) -> list[tuple]:
    """``(counts, kept)`` for every task, in task order; two processes when worthwhile (see the module docstring).

    ``progress(fraction)`` is called as the parent's share of the work advances (the child's share is of about the
    same size and runs at the same time).
    """
    total = sum(t.work for t in tasks) or 1
    parallel = workers >= 2 and hasattr(os, "fork") and len(tasks) > 1 and total >= PARALLEL_MIN_WORK
    if not parallel:
        return _serial(tasks, range(len(tasks)), ctx, keep_all, progress, total)
    mine, theirs = _split(tasks)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child; its results are checked through the parent
        os.close(read_fd)
        _child(tasks, theirs, ctx, keep_all, write_fd)
    os.close(write_fd)
    my_total = sum(tasks[i].work for i in mine) or 1
    results = dict(zip(mine, _serial(tasks, mine, ctx, keep_all, progress, my_total), strict=True))
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    try:
        packed = pickle.loads(data) if status == 0 else None  # noqa: S301 - our own child, through a private pipe
    except (pickle.UnpicklingError, EOFError):
        packed = None
    if packed is None or set(packed) != set(theirs):  # the child failed: judge its half here
        results.update(zip(theirs, _serial(tasks, theirs, ctx, keep_all, None, total), strict=True))
    else:
        results.update((i, _unpack(tasks[i], packed[i])) for i in theirs)
    if progress is not None:
        progress(1.0)
    return [results[i] for i in range(len(tasks))]


def _serial(tasks: list[Task], indexes, ctx, keep_all: bool, progress, total: int) -> list[tuple]:
    """Judge the given tasks one after the other in this process, reporting progress after each."""
    out, done = [], 0
    for i in indexes:
        out.append(judge(tasks[i], ctx, keep_all))
        done += tasks[i].work
        if progress is not None:
            progress(min(1.0, done / total))
    return out


__all__ = ["FAIL", "MET", "PARALLEL_MIN_WORK", "SOON", "Task", "judge", "judge_all"]
