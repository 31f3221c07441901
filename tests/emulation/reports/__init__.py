"""Tests of the reports slice."""
