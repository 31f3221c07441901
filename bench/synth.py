"""The synthetic-data generator used by the benchmarks.

It lives in the installed package (:mod:`thidua.demo.synth.org`, with the people generator in
:mod:`thidua.demo.synth.people`) so that ``thidua synth --people N --seed S`` works from any directory; benchmark
scripts import it from here.
"""

from thidua.demo.synth.org import PEOPLE_PER_UNIT, SynthResult, plan_units, synthesize

__all__ = ["PEOPLE_PER_UNIT", "SynthResult", "plan_units", "synthesize"]
