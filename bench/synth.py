"""The synthetic-data generator used by the benchmarks.

It lives in the installed package (:mod:`thidua.org.synth_org`, with the people generator in :mod:`thidua.org.synth`)
so that ``thidua synth --people N --seed S`` works from any directory; benchmark scripts import it from here.
"""

from thidua.org.synth_org import PEOPLE_PER_UNIT, SynthResult, plan_units, synthesize

__all__ = ["PEOPLE_PER_UNIT", "SynthResult", "plan_units", "synthesize"]
