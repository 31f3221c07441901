"""Write latency while something else writes: create (and audit) an API token every 0.2 s for N seconds and print the
slowest, the median and the failures. Run beside an eligibility run on the same database:

    THIDUA_DATA_DIR=… python bench/write_probe.py 60
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.config.settings")
django.setup()

from thidua.core.models import User  # noqa: E402
from thidua.core.services import token_create  # noqa: E402


def main(seconds: float) -> None:
    user, _ = User.objects.get_or_create(username="write-probe")
    latencies, errors, slow = [], [], []
    begin = time.monotonic()
    end = begin + seconds
    while time.monotonic() < end:
        start = time.monotonic()
        try:
            token_create(actor=user, name="probe", days=1)
        except Exception as exc:  # noqa: BLE001 — "database is locked" is what we count
            errors.append(str(exc))
        latencies.append(time.monotonic() - start)
        if latencies[-1] > 0.3:
            slow.append(f"{start - begin:.1f}s:{latencies[-1]:.2f}")
        time.sleep(0.2)
    print(
        f"writes={len(latencies)} max={max(latencies):.3f}s median={statistics.median(latencies):.3f}s "
        f"errors={len(errors)} {errors[:1]} slow(at:took)={' '.join(slow)}"
    )


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 30)
