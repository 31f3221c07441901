"""Demo data and synthetic data, the top layer: ``org/``, ``records/``, ``emulation/`` load the demo story (``thidua
demo``); ``synth/`` generates large synthetic organisations and records (``thidua synth``, ``thidua synth-records``).
Nothing below this app knows it exists."""
