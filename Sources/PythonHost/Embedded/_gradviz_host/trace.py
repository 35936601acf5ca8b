"""Tracing a graph of a script's own value objects, by duck typing.

trace(root) -> {"label", "data", "grad", "op", "inputs", "origin", "notes"}: equal-length
lists in a topological order, root last; inputs are indices of earlier entries, in operand
order. Iterative and deterministic: children kept in a set are ordered by (data, label, op).
"""
import numbers


def _children(v):
    for name in ("_prev", "_children"):
        if hasattr(v, name):
            children = getattr(v, name)
            if isinstance(children, (set, frozenset)):
                return sorted(children, key=lambda c: (_number(getattr(c, "data", 0)), str(getattr(c, "label", "")), str(getattr(c, "_op", ""))))
            return list(children)
    return None


def _number(x):
    try:
        return float(x)
    except Exception:
        return float("nan")


def trace(root):
    if not hasattr(root, "data") or _children(root) is None:
        missing = [n for n in ("data", "_prev") if not hasattr(root, n)]
        raise TypeError(
            f"cannot draw a {type(root).__name__}: a value needs data and _prev (or _children); "
            f"it has no {' or '.join(missing) or '_prev'}")
    index = {}
    out = {"label": [], "data": [], "grad": [], "op": [], "inputs": [], "origin": [], "notes": []}
    stack = [(root, False)]
    on_stack = set()
    while stack:
        v, expanded = stack.pop()
        if id(v) in index:
            continue
        children = _children(v) or []
        if not expanded:
            stack.append((v, True))
            for c in reversed(children):
                if id(c) not in index:
                    stack.append((c, False))
            continue
        index[id(v)] = len(out["data"])
        out["label"].append(str(getattr(v, "label", "")))
        out["data"].append(_number(getattr(v, "data", float("nan"))))
        g = getattr(v, "grad", None)
        out["grad"].append(_number(g) if isinstance(g, numbers.Number) else None)
        out["op"].append(str(getattr(v, "_op", "")))
        out["inputs"].append([index[id(c)] for c in children])
        backward = getattr(v, "_backward", None)
        code = getattr(backward, "__code__", None)
        out["origin"].append(f"{code.co_filename}:{code.co_firstlineno}" if code else None)
    return out
