"""Measurement, kept apart from the engine it measures: the scorer (evaluate)
and the garbler that makes test corpora from clean articles."""
