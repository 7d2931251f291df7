"""Numeric and exact evidence (sampling, limits, concrete n, GF(p), rounding): data, never verdicts."""
