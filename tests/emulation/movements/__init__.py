"""Tests of the movements slice."""
