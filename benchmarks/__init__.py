"""Benchmarks of the project (``make bench``): printed figures, never thresholds."""
