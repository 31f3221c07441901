"""Tests of the scoring slice."""
