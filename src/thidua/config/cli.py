"""The ``thidua`` console command: Django's management commands behind a friendly name.

``thidua demo``, ``thidua createadmin``, ``thidua synth``, ``thidua check``, ``thidua migrate``, ``thidua runserver``…
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command with Thidua's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "thidua"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
