"""Monev Kinerja's pipeline, commands and services.

Every process that imports this package (`monev`, the Great Expectations worker, the Dagster code location's run
workers, the tests) collects cyclic garbage less often than Python's default: a refresh allocates millions of
small objects (Dagster's and dbt's definitions and events, Great Expectations' configurations) that live until it
ends, and with the default thresholds (700, 10, 10) the collector scanned them about 1.650 times per kabupaten
refresh, 8 of them in full: 1,5 s of a 12 s refresh. With the thresholds below it collects about 60 times and
never in full: 0,7 s. Objects without cycles are still freed at once (reference counting); only cyclic garbage
waits longer (docs/performance.md measures the national refresh's peak memory with it).
"""

import gc

GC_THRESHOLDS = (20_000, 20, 100)

gc.set_threshold(*GC_THRESHOLDS)
