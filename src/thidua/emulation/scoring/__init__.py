"""Scoring slice: block criteria sheets, scores through the self / cross / leader stages, rankings and proposals."""
