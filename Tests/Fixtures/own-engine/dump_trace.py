"""Runs a script under plain python3 and prints, as JSON, the graph behind the last Value it
binds at top level: the traced-graph fields gradviz reads from a script's own Value class.

Usage: python3 dump_trace.py SCRIPT.py

For the tests of the backward check only. Numbers are written as Python's repr, so nan and
inf survive; a set-stored `_prev` is put in a fixed order (by op, label and data).
"""

import json
import runpy
import sys


def value_like(obj):
    return hasattr(obj, "data") and (hasattr(obj, "_prev") or hasattr(obj, "_children"))


def children(node):
    stored = getattr(node, "_prev", None)
    if stored is None:
        stored = getattr(node, "_children", ())
    kept = [child for child in stored if value_like(child)]
    if isinstance(stored, (set, frozenset)):
        kept.sort(key=lambda v: (str(getattr(v, "_op", "")), str(getattr(v, "label", "")), repr(v.data)))
    return kept


def origin(node):
    try:
        code = node._backward.__code__
    except AttributeError:
        return None
    return f"{code.co_filename}:{code.co_firstlineno}"


def trace(root):
    position = {}
    order = []
    on_stack = {id(root)}
    stack = [(root, iter(children(root)))]
    while stack:
        node, rest = stack[-1]
        for child in rest:
            if id(child) not in position and id(child) not in on_stack:
                on_stack.add(id(child))
                stack.append((child, iter(children(child))))
                break
        else:
            stack.pop()
            on_stack.discard(id(node))
            position[id(node)] = len(order)
            order.append(node)
    grad = lambda v: repr(float(v.grad)) if isinstance(getattr(v, "grad", None), (int, float)) else None
    return {
        "label": [str(getattr(v, "label", "")) for v in order],
        "data": [repr(float(v.data)) for v in order],
        "grad": [grad(v) for v in order],
        "op": [str(getattr(v, "_op", "")) for v in order],
        "inputs": [[position[id(c)] for c in children(v)] for v in order],
        "origin": [origin(v) for v in order],
        "notes": [[] for v in order],
    }


def main():
    namespace = runpy.run_path(sys.argv[1], run_name="__main__")
    roots = [v for v in namespace.values() if value_like(v)]
    if not roots:
        sys.exit(f"{sys.argv[1]}: no Value bound at top level")
    json.dump(trace(roots[-1]), sys.stdout)


main()
