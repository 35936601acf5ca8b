"""Tracing a script's own Value objects into a graph gradviz can draw, tabulate and export.

A script that defines its own ``class Value`` (the lecture's, the walkthrough's, a learner's)
runs as written; gradviz reads the objects it made by duck typing, never by class.
"""

import gc
import hashlib

__all__ = ["trace", "is_value_like"]

_CHILD_ATTRIBUTES = ("_prev", "_children")


def is_value_like(obj):
    """True when ``obj`` has ``data`` and ``_prev`` or ``_children``, as a micrograd Value does."""
    if not _has(obj, "data"):
        return False
    return any(_has(obj, name) for name in _CHILD_ATTRIBUTES)


def trace(root, keep_objects=False):
    """The graph behind ``root``, read by duck typing, in topological order with ``root`` last.

    A node is any object with ``data`` and ``_prev`` (micrograd, the lecture) or ``_children``;
    ``grad``, ``label`` and ``_op`` are read when present. Nothing is repaired: a set-stored
    ``_prev`` that holds one member for ``a*a`` gives that node one input, as the object holds.

    Returns a dict of equal-length lists, one entry per node:

    - ``"label"`` (str): ``label``, else ``""`` (and a note).
    - ``"data"`` (float): ``float(data)``, else NaN (and a note).
    - ``"grad"`` (float or None): ``float(grad)``, else None (and a note).
    - ``"op"`` (str): ``_op``, else ``""`` (and a note).
    - ``"inputs"`` (list of list of int): indices of earlier entries, in operand order.
    - ``"origin"`` (str or None): ``"file:line"`` of the node's ``_backward`` code object.
    - ``"notes"`` (list of str): what was missing or odd on that node.
    - ``"objects"``, with ``keep_objects``: the node objects themselves.

    Order: a node's inputs are visited in the order its ``_prev`` iterates when that is a
    tuple or list (operand order). A ``set`` or ``frozenset`` iterates by ``id``, which changes
    on every run, so its members are ordered canonically instead: by ``_op``, ``label``,
    ``data`` and ``grad``; then by a structural key computed bottom-up from those fields and
    the inputs' keys (a BLAKE2 digest); then by that key refined top-down by the keys of the
    nodes that use it and the operand position it takes there. Members whose keys are still
    equal are alike both in what they are made of and in how they are used; they keep the
    set's order among themselves. The result is the same on every run.

    An input that is itself not value-like (a float inside ``_prev``) is left out with a note on
    the node that holds it; an input that leads back to its own node (a cycle) likewise.

    Raises:
        TypeError: ``root`` is not value-like.

    Complexity: O(n log k) for n nodes and edges and k the largest set-stored ``_prev``;
    iterative, so a chain a million nodes deep needs no recursion.
    """
    if not is_value_like(root):
        raise TypeError(
            "draw_dot: expected a Value (an object with 'data' and '_prev' or '_children'),"
            f" got {_describe(root)}"
        )
    # A trace allocates a few objects per node; the cyclic collector would walk the whole
    # graph again and again while it runs (quadratic on a million nodes), so it waits.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Tracer().run(root, keep_objects)
    finally:
        if collecting:
            gc.enable()


class _Tracer:
    def __init__(self):
        # id(node) -> index into the lists below; nodes stay referenced for the whole trace.
        self.index = {}
        self.nodes = []
        self.children = []  # indices of the value-like children, as stored
        self.unordered = []  # True when that node's children came from a set
        self.fields = []  # (label, data, grad, op) as read
        self.notes = []

    def run(self, root, keep_objects=False):
        self._discover(root)
        keys = self._structural_keys() if any(self.unordered) else None
        return self._emit(keys, keep_objects)

    # Pass 1: every reachable node once, in any order, with its fields and its children.
    def _discover(self, root):
        index = self.index
        self._add(root)
        todo = [root]
        while todo:
            node = todo.pop()
            i = index[id(node)]
            stored, notes = _read_children(node)
            kept = []
            for position, child in enumerate(stored):
                j = index.get(id(child))
                if j is None:
                    if not is_value_like(child):
                        notes.append(
                            f"input {position} is not a Value ({_describe(child)}); left out"
                        )
                        continue
                    j = self._add(child)
                    todo.append(child)
                kept.append(j)
            self.children[i] = kept
            # Only a set with two or more members has an order to settle.
            self.unordered[i] = len(kept) > 1 and isinstance(stored, (set, frozenset))
            self.notes[i].extend(notes)

    def _add(self, node):
        i = len(self.nodes)
        self.index[id(node)] = i
        self.nodes.append(node)
        self.children.append(None)
        self.unordered.append(False)
        label, n1 = _read_label(node)
        data, n2 = _read_data(node)
        grad, n3 = _read_grad(node)
        op, n4 = _read_op(node)
        self.fields.append((label, data, grad, op))
        self.notes.append(n1 + n2 + n3 + n4)
        return i

    # Pass 2: canonical keys for ordering set members. A key is a BLAKE2 digest of what a
    # node is (op, label, data, grad, its inputs' keys: bottom-up), then refined by where it is
    # used (its consumers' refined keys and the operand position it takes there: top-down),
    # so that two equal leaves used in different places still get different keys.
    def _structural_keys(self):
        count = len(self.nodes)
        blake2b = hashlib.blake2b
        order = self._any_topological_order()
        up = [None] * count
        for i in order:
            child_keys = [up[j] for j in self.children[i] if up[j] is not None]
            if self.unordered[i]:
                child_keys.sort()
            label, data, grad, op = self.fields[i]
            head = f"{op}\0{label}\0{data!r}\0{grad!r}\0".encode("utf-8", "surrogatepass")
            up[i] = blake2b(head + b"".join(child_keys), digest_size=16).digest()
        uses = [[] for _ in range(count)]
        for i in range(count):
            unordered = self.unordered[i]
            for position, j in enumerate(self.children[i]):
                uses[j].append((i, b"s" if unordered else b"%d" % position))
        down = [None] * count
        for j in reversed(order):
            seen = sorted(down[i] + role for i, role in uses[j] if down[i] is not None)
            down[j] = blake2b(up[j] + b"".join(seen), digest_size=16).digest()
        keys = []
        for i in range(count):
            label, data, grad, op = self.fields[i]
            keys.append((op, label, _number_key(data), _number_key(grad), up[i], down[i]))
        return keys

    def _any_topological_order(self):
        # Iterative post-order; an edge onto a node still on the stack is a cycle, skipped.
        state = [0] * len(self.nodes)  # 0 new, 1 on the stack, 2 done
        order = []
        children = self.children
        for start in range(len(self.nodes)):
            if state[start]:
                continue
            state[start] = 1
            stack = [(start, iter(children[start]))]
            while stack:
                i, rest = stack[-1]
                for j in rest:
                    if state[j] == 0:
                        state[j] = 1
                        stack.append((j, iter(children[j])))
                        break
                else:
                    stack.pop()
                    state[i] = 2
                    order.append(i)
        return order

    # Pass 3: the canonical post-order from the root (index 0); this is the order handed back.
    def _emit(self, keys, keep_objects=False):
        count = len(self.nodes)
        position = [-1] * count  # index in the output, once emitted
        on_stack = [False] * count
        ordered = self.children
        if keys is not None:
            for i in range(count):
                if self.unordered[i]:
                    # Stable: members with equal keys keep the set's order among themselves.
                    ordered[i] = sorted(ordered[i], key=keys.__getitem__)
        out_nodes = []
        on_stack[0] = True
        stack = [(0, iter(ordered[0]))]
        while stack:
            i, rest = stack[-1]
            for j in rest:
                if position[j] < 0 and not on_stack[j]:
                    on_stack[j] = True
                    stack.append((j, iter(ordered[j])))
                    break
            else:
                stack.pop()
                on_stack[i] = False
                position[i] = len(out_nodes)
                out_nodes.append(i)

        labels, datas, grads, ops, inputs_list, origins, notes_list = [], [], [], [], [], [], []
        for i in out_nodes:
            label, data, grad, op = self.fields[i]
            notes = self.notes[i]
            here = position[i]
            inputs = []
            for j in ordered[i]:
                p = position[j]
                if p < 0 or p >= here:
                    notes.append(
                        f"input {_describe(self.nodes[j])} leads back to this node (a cycle);"
                        " that edge is left out"
                    )
                    continue
                inputs.append(p)
            labels.append(label)
            datas.append(data)
            grads.append(grad)
            ops.append(op)
            inputs_list.append(inputs)
            origins.append(_read_origin(self.nodes[i]))
            notes_list.append(notes)
        result = {
            "label": labels,
            "data": datas,
            "grad": grads,
            "op": ops,
            "inputs": inputs_list,
            "origin": origins,
            "notes": notes_list,
        }
        if keep_objects:
            result["objects"] = [self.nodes[i] for i in out_nodes]
        return result


def _number_key(x):
    # None (no grad) first, then numbers in order, NaN last: a total order for sorting.
    if x is None:
        return (0, 0.0)
    if x != x:
        return (2, 0.0)
    return (1, x)


def _has(obj, name):
    try:
        getattr(obj, name)
    except Exception:
        return False
    return True


def _read_children(node):
    """The children as stored (the container itself when it is a set) and notes."""
    for name in _CHILD_ATTRIBUTES:
        try:
            stored = getattr(node, name)
        except Exception:
            continue
        if isinstance(stored, (set, frozenset, tuple, list)):
            return stored, []
        try:
            return list(stored), []
        except Exception:
            return (), [f"{name} is not a collection ({_describe(stored)}); no inputs read"]
    return (), []


def _read_label(node):
    try:
        label = node.label
    except AttributeError:
        return "", ["no attribute 'label'"]
    except Exception as error:
        return "", [f"label could not be read ({type(error).__name__}: {error})"]
    if isinstance(label, str):
        return label, []
    return str(label), [f"label is not a string ({_describe(label)})"]


def _read_data(node):
    try:
        data = node.data
    except Exception:
        return float("nan"), ["no attribute 'data'"]
    try:
        return float(data), []
    except Exception:
        return float("nan"), [f"data is not a number ({_describe(data)})"]


def _read_grad(node):
    try:
        grad = node.grad
    except AttributeError:
        return None, ["no attribute 'grad'"]
    except Exception as error:
        return None, [f"grad could not be read ({type(error).__name__}: {error})"]
    try:
        return float(grad), []
    except Exception:
        return None, [f"grad is not a number ({_describe(grad)})"]


def _read_op(node):
    try:
        op = node._op
    except AttributeError:
        return "", ["no attribute '_op'"]
    except Exception as error:
        return "", [f"_op could not be read ({type(error).__name__}: {error})"]
    if isinstance(op, str):
        return op, []
    return str(op), [f"_op is not a string ({_describe(op)})"]


def _read_origin(node):
    try:
        code = node._backward.__code__
        return f"{code.co_filename}:{code.co_firstlineno}"
    except Exception:
        return None


def _describe(obj):
    kind = type(obj).__name__
    try:
        text = repr(obj)
    except Exception:
        return kind
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{kind} {text}"
