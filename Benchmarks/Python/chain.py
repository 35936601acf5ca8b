"""A chain of 1,000,000 tanh operations built in a Python loop, then backward.

Prints one JSON line: seconds to build, seconds for backward, and the process's peak
resident memory in MB.
"""
import json
import resource
import time

t0 = time.perf_counter()
y = Value(0.5)
for _ in range(1_000_000):
    y = y.tanh()
t1 = time.perf_counter()
y.backward()
t2 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"build_s": t1 - t0, "backward_s": t2 - t1, "total_s": t2 - t0, "peak_rss_mb": peak}))
