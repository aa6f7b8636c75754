"""Flood the Zone: a crisis-diplomacy game."""

import os

__version__ = "0.1.0"

# One BLAS thread.  The engine's few matrix products are small (spill-over weighs class sums, docs/performance.md)
# and exact whatever the threads; extra OpenBLAS threads only spin, and at 112 countries they made spill-over
# 7-10x dearer in CPU time.  Set before anything of the game imports numpy; a variable the user set is kept.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
del _name
