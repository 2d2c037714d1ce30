"""Benchmarks of the pipeline. ``floor``: the same published marts from the same files by DuckDB alone."""
