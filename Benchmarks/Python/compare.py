"""Compares the two train_step.py results: speed-up and the losses step by step."""
import json
import sys

ours = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
try:
    theirs = json.loads(open(sys.argv[2]).read().strip().splitlines()[-1])
except (OSError, ValueError, IndexError):
    theirs = None
print(f"training step (micrograd's demo in Python, MLP(2,[16,16,1]), 100 points): "
      f"gradviz {ours['median_step_s'] * 1000:.1f} ms ({ours['median_step_cpu_s'] * 1000:.1f} ms CPU)")
if theirs is None:
    print("  CPython + micrograd 0.1.0: not available (pip install micrograd==0.1.0)")
    sys.exit(0)
speedup = theirs["median_step_s"] / ours["median_step_s"]
cpu_speedup = theirs["median_step_cpu_s"] / ours["median_step_cpu_s"]
worst = max(abs(a - b) / max(abs(a), abs(b), 1e-300) for a, b in zip(ours["losses"], theirs["losses"]))
print(f"  CPython + micrograd 0.1.0 {theirs['median_step_s'] * 1000:.1f} ms "
      f"({theirs['median_step_cpu_s'] * 1000:.1f} ms CPU): {speedup:.1f}x faster "
      f"({cpu_speedup:.1f}x in CPU time; target: at least 10x)")
print(f"  losses over {len(ours['losses'])} steps: largest relative difference {worst:.3g} "
      f"(target: within 1e-9); last loss {ours['losses'][-1]!r} vs {theirs['losses'][-1]!r}")
