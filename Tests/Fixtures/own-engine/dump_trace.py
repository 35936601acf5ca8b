"""Runs a script under plain python3 and prints, as JSON, the graph behind the last Value it
binds at top level: the traced-graph fields gradviz reads from a script's own Value class.

Usage: python3 dump_trace.py SCRIPT.py [--nudge LABEL DATA]

With --nudge, the Value made with label=LABEL gets data=DATA as soon as it is made (its class's
__init__ returns), for central differences of the whole script.

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


def nudge(label, data):
    """Wraps the __init__ of each class built from now on: a Value labelled `label` when made
    gets `data`."""
    import builtins
    original = builtins.__build_class__

    def build_class(func, name, *bases, **keywords):
        cls = original(func, name, *bases, **keywords)
        init = cls.__dict__.get("__init__")
        if init is not None:
            def __init__(self, *args, **kwargs):
                init(self, *args, **kwargs)
                if getattr(self, "label", None) == label:
                    self.data = data
            cls.__init__ = __init__
        return cls

    builtins.__build_class__ = build_class


def main():
    if len(sys.argv) == 5 and sys.argv[2] == "--nudge":
        nudge(sys.argv[3], float(sys.argv[4]))
    namespace = runpy.run_path(sys.argv[1], run_name="__main__")
    roots = [v for v in namespace.values() if value_like(v)]
    if not roots:
        sys.exit(f"{sys.argv[1]}: no Value bound at top level")
    json.dump(trace(roots[-1]), sys.stdout)


main()
