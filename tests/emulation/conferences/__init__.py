"""Tests of the conferences slice."""
