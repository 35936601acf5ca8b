"""Unit tests of gradviz's embedded Python (Sources/PythonHost/Embedded) under plain python3.

    python3 -m unittest Tests/GradvizTests/Python/test_glue.py

`_gradviz` (the host's native module) is replaced by a stand-in: micrograd 0.1.0 from pip is
its micrograd-flavour Value, and render returns the DOT text it was given. Needs
`pip install micrograd==0.1.0 graphviz` (the real graphviz package, for its quoting).
"""

import importlib
import importlib.util
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import types
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
EMBEDDED = os.path.join(ROOT, "Sources", "PythonHost", "Embedded")


def _stand_in():
    import micrograd.engine

    module = types.ModuleType("_gradviz")
    module.notes = []
    module.rendered = []

    def render(source, format):
        module.rendered.append((source, format))
        return f"<{format}>\n{source}".encode()

    module.render = render
    module.note = lambda text, line=None: module.notes.append(text)
    module.MicrogradValue = micrograd.engine.Value
    module.groups = []

    def enter_group(layer, neuron):
        module.groups.append((layer, neuron))
        return -1

    module._enter_group = enter_group
    module._leave_group = lambda previous: None
    return module


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sys.modules["_gradviz"] = _gradviz = _stand_in()
sys.path.insert(0, EMBEDDED)
from _gradviz_host import trace as tracer  # noqa: E402

# The embedded graphviz module under another name, so the real package stays importable.
shim = _load("gradviz_graphviz_shim", os.path.join(EMBEDDED, "graphviz.py"))
sys.path.remove(EMBEDDED)


LECTURE_VALUE = '''
import math
class Value:
  def __init__(self, data, _children=(), _op='', label=''):
    self.data = data
    self.grad = 0.0
    self._backward = lambda: None
    self._prev = set(_children)
    self._op = _op
    self.label = label
  def __repr__(self):
    return f"Value(data={self.data})"
  def __add__(self, other):
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data + other.data, (self, other), '+')
    def _backward():
      self.grad += 1.0 * out.grad
      other.grad += 1.0 * out.grad
    out._backward = _backward
    return out
  def __mul__(self, other):
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data * other.data, (self, other), '*')
    def _backward():
      self.grad += other.data * out.grad
      other.grad += self.data * out.grad
    out._backward = _backward
    return out
  def __rmul__(self, other):
    return self * other
  def __radd__(self, other):
    return self + other
  def tanh(self):
    t = math.tanh(self.data)
    out = Value(t, (self, ), 'tanh')
    def _backward():
      self.grad += (1 - t**2) * out.grad
    out._backward = _backward
    return out
  def backward(self):
    topo = []
    visited = set()
    def build_topo(v):
      if v not in visited:
        visited.add(v)
        for child in v._prev:
          build_topo(child)
        topo.append(v)
    build_topo(self)
    self.grad = 1.0
    for node in reversed(topo):
      node._backward()
'''


def lecture_class():
    namespace = {}
    exec(compile(LECTURE_VALUE, "lecture.py", "exec"), namespace)
    return namespace["Value"]


class TracerTests(unittest.TestCase):
    def test_micrograd_graph_in_operand_order(self):
        from micrograd.engine import Value

        x = Value(-4.0)
        z = 2 * x + 2 + x
        z.backward()
        graph = tracer.trace(z)
        self.assertEqual(set(graph), {"label", "data", "grad", "op", "inputs", "origin", "notes"})
        self.assertEqual(len({len(v) for v in graph.values()}), 1)
        self.assertEqual(graph["op"][-1], "+")
        self.assertEqual(graph["data"][-1], -10.0)
        # Every input is an earlier entry: a topological order, root last.
        for i, inputs in enumerate(graph["inputs"]):
            self.assertTrue(all(j < i for j in inputs))
        self.assertEqual(graph["grad"][graph["data"].index(-4.0)], 3.0)
        self.assertTrue(graph["origin"][-1].endswith("micrograd/engine.py:17"))
        self.assertIn("no attribute 'label'", graph["notes"][0])

    def test_tuple_children_keep_operand_order(self):
        class Node:
            def __init__(self, data, children=(), op="", label=""):
                self.data, self.grad, self._children = data, None, tuple(children)
                self._op, self.label = op, label

        a, b = Node(1.0, label="a"), Node(2.0, label="b")
        graph = tracer.trace(Node(-1.0, (b, a), "-", "c"))
        self.assertEqual(graph["label"], ["b", "a", "c"])
        self.assertEqual(graph["inputs"], [[], [], [0, 1]])
        self.assertEqual(graph["grad"], [None, None, None])

    def test_set_children_show_what_the_object_holds(self):
        Value = lecture_class()
        a = Value(3.0, label="a")
        b = a * a
        graph = tracer.trace(b)
        self.assertEqual(graph["inputs"], [[], [0]])  # the set kept one a: one edge

    def test_lecture_neuron_traced(self):
        Value = lecture_class()
        x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
        w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
        b = Value(6.8813735870195432, label="b")
        o = (x1 * w1 + x2 * w2 + b).tanh()
        o.label = "o"
        o.backward()
        graph = tracer.trace(o)
        self.assertEqual(len(graph["op"]), 10)
        self.assertEqual(graph["label"][-1], "o")
        self.assertAlmostEqual(graph["data"][-1], 1 / math.sqrt(2), places=12)
        grads = dict(zip(graph["label"], graph["grad"]))
        self.assertAlmostEqual(grads["x1"], -1.5, places=12)
        self.assertAlmostEqual(grads["w1"], 1.0, places=12)
        self.assertTrue(graph["origin"][-1].startswith("lecture.py:"))

    def test_set_children_same_order_in_every_process(self):
        # Each process allocates differently, so ids and the sets' order differ.
        script = textwrap.dedent(f"""
            import json, random, sys
            sys.modules["_gradviz"] = type(sys)("_gradviz")
            sys.path.insert(0, {EMBEDDED!r})
            from _gradviz_host.trace import trace
            random.seed(int(sys.argv[1]))
            junk = [[0] * random.randint(1, 64) for _ in range(random.randint(1, 5000))]
            exec({LECTURE_VALUE!r})
            xs = [Value(1.0), Value(1.0), Value(2.0)]
            ws = [Value(0.5), Value(0.5), Value(-1.0)]
            parts = []
            for w, x in zip(ws, xs):
                junk.append([0] * random.randint(1, 64))
                parts.append(w * x)
            y = sum(parts, Value(0.0)).tanh() + xs[0] * xs[1]
            y.backward()
            graph = trace(y)
            del graph["origin"]
            print(json.dumps(graph))
        """)
        outputs = {
            subprocess.run([sys.executable, "-c", script, str(seed)], capture_output=True,
                           text=True, check=True).stdout
            for seed in range(8)
        }
        self.assertEqual(len(outputs), 1, outputs)

    def test_deep_chain_without_recursion(self):
        Value = lecture_class()
        y = Value(0.1, label="x")
        for _ in range(200_000):
            y = y.tanh()
        graph = tracer.trace(y)
        self.assertEqual(len(graph["op"]), 200_001)
        self.assertEqual(graph["inputs"][-1], [199_999])

    def test_not_value_like_raises(self):
        for bad in (3, "a", None, object()):
            with self.assertRaises(TypeError) as caught:
                tracer.trace(bad)
            self.assertIn("expected a Value", str(caught.exception))

    def test_odd_members_are_noted(self):
        class Thing:
            pass

        root = Thing()
        root.data = "x"
        leaf = Thing()
        leaf.data = 1.0
        leaf._prev = ()
        root._prev = (leaf, 2.5)
        graph = tracer.trace(root)
        notes = graph["notes"][-1]
        self.assertTrue(math.isnan(graph["data"][-1]))
        self.assertTrue(any("data is not a number" in n for n in notes), notes)
        self.assertTrue(any("input 1 is not a Value" in n for n in notes), notes)
        self.assertTrue(any("no attribute 'grad'" in n for n in notes), notes)
        self.assertEqual(graph["inputs"][-1], [0])

    def test_cycle_is_noted_not_followed(self):
        class Node:
            def __init__(self, data):
                self.data, self.grad, self._prev, self._op, self.label = data, 0.0, [], "", ""

        a, b = Node(1.0), Node(2.0)
        a._prev.append(b)
        b._prev.append(a)
        graph = tracer.trace(a)
        self.assertEqual(len(graph["op"]), 2)
        self.assertTrue(any("cycle" in n for notes in graph["notes"] for n in notes))


class GraphvizShimTests(unittest.TestCase):
    NAMES = ["a", "node", "Node", "1.5", "-.5", "12a", "with space", 'q"uote', 'back\\"slash',
             "<b>html</b>", "x:y", "x:y:n", "é", "", "_ok", "a\\nb",
             "{ a | data 2.0000 | grad 0.0000 }", '"already"', "140234 * x", "id+"]

    def build(self, module, kind):
        g = getattr(module, kind)("G x", comment="c", format="svg",
                                  graph_attr={"rankdir": "LR", "b": "1"},
                                  node_attr={"shape": "record"})
        for n in self.NAMES:
            g.node(n, label=n, shape="record", color=None)
            g.node(name=n + "*", label="*")
        for a, b in zip(self.NAMES, self.NAMES[1:]):
            g.edge(a, b, label=b, weight="2")
        g.edges([("a", "b"), ("c:p", "d:q:sw")])
        g.attr("node", shape="box")
        g.attr(rankdir="TB")
        g.attr("graph", _attributes={"z": "y", "a": "b"})
        with g.subgraph(name="cluster_0") as c:
            c.attr(color="blue")
            c.node("inner", label='in"side')
            with c.subgraph() as d:
                d.node("deep")
        s2 = getattr(module, kind)(name="s2")
        s2.node("k")
        g.subgraph(s2)
        g.node("h", label=module.nohtml("<not html>"))
        g.node("e", label=module.escape("a\\b"))
        return g

    def test_source_is_the_real_packages(self):
        import graphviz as real

        for kind in ("Digraph", "Graph"):
            ours, theirs = self.build(shim, kind), self.build(real, kind)
            self.assertEqual(ours.source, theirs.source)
            self.assertEqual(ours.filepath, theirs.filepath)
        for strict in (True, False):
            ours, theirs = shim.Digraph(strict=strict), real.Digraph(strict=strict)
            ours.edge("a", "b")
            theirs.edge("a", "b")
            self.assertEqual(ours.source, theirs.source)
        self.assertEqual(shim.Source("digraph{a}").source, real.Source("digraph{a}").source)
        self.assertEqual(
            repr(shim.Digraph()).split(" at ")[0], repr(real.Digraph()).split(" at ")[0]
        )

    def test_lecture_draw_dot_source(self):
        import graphviz as real

        Value = lecture_class()
        a, b = Value(2.0, label="a"), Value(-3.0, label="b")
        L = a * b + Value(10.0, label="c")

        def draw_dot(module, root):
            dot = module.Digraph(format="svg", graph_attr={"rankdir": "LR"})
            nodes, todo = [], [root]
            while todo:
                n = todo.pop()
                nodes.append(n)
                todo += sorted(n._prev, key=lambda v: v.data)
            for n in nodes:
                uid = str(id(n))
                label = "{ %s | data %.4f | grad %.4f }" % (n.label, n.data, n.grad)
                dot.node(name=uid, label=label, shape="record")
                if n._op:
                    dot.node(name=uid + n._op, label=n._op)
                    dot.edge(uid + n._op, uid)
                for child in n._prev:
                    dot.edge(str(id(child)), uid + n._op)
            return dot

        self.assertEqual(draw_dot(shim, L).source, draw_dot(real, L).source)

    def test_pipe_and_render_go_through_gradviz(self):
        g = shim.Digraph(format="svg")
        g.node("a")
        self.assertEqual(g.pipe(), b"<svg>\n" + g.source.encode())
        self.assertEqual(g.pipe(format="png", encoding="utf-8"), "<png>\n" + g.source)
        self.assertIn("image/svg+xml", g._repr_mimebundle_())
        with tempfile.TemporaryDirectory() as folder:
            cwd = os.getcwd()
            os.chdir(folder)
            try:
                self.assertEqual(g.render("gout"), "gout.svg")
                self.assertEqual(sorted(os.listdir(".")), ["gout", "gout.svg"])
                self.assertEqual(g.render(outfile="out/x.png"), "out/x.png")
                self.assertEqual(sorted(os.listdir("out")), ["x.gv", "x.png"])
                g.render("v", view=True)
                self.assertTrue(any("does not open a viewer" in n for n in _gradviz.notes))
            finally:
                os.chdir(cwd)
        with self.assertRaises(ValueError):
            g.pipe(format="nope")
        with self.assertRaises(TypeError):
            g.node(3)


class MicrogradNNTests(unittest.TestCase):
    """The embedded nn.py against pip's, on pip's engine: same draws, same graphs."""

    def setUp(self):
        self.nn = _load("gradviz_micrograd_nn", os.path.join(EMBEDDED, "micrograd", "nn.py"))

    def test_same_weights_and_outputs_as_micrograd(self):
        from micrograd import nn as theirs

        for seed in (0, 42, 1337):
            random.seed(seed)
            ours = self.nn.MLP(2, [16, 16, 1])
            random.seed(seed)
            reference = theirs.MLP(2, [16, 16, 1])
            self.assertEqual(repr(ours), repr(reference))
            self.assertEqual([p.data for p in ours.parameters()],
                             [p.data for p in reference.parameters()])
            for x in ([1.0, -2.0], [0.5, 0.25]):
                a, b = ours(x), reference(x)
                a.backward()
                b.backward()
                self.assertEqual(a.data, b.data)
                # micrograd's backward orders by a set of ids, so the order in which a
                # parameter's grad terms add up (and so its last bits) differs between runs.
                for p, q in zip(ours.parameters(), reference.parameters()):
                    self.assertTrue(math.isclose(p.grad, q.grad, rel_tol=1e-12, abs_tol=1e-15))
            ours.zero_grad()
            self.assertTrue(all(p.grad == 0 for p in ours.parameters()))
        # Each neuron of an MLP tags what it makes with its (layer, neuron), as it is built
        # and as it runs; a neuron made on its own is in no group.
        _gradviz.groups.clear()
        model = self.nn.MLP(2, [2, 1])
        self.assertEqual(_gradviz.groups, [(0, 0), (0, 1), (1, 0)])
        model([1.0, 2.0])
        self.assertEqual(_gradviz.groups, [(0, 0), (0, 1), (1, 0)] * 2)
        self.nn.Neuron(2)([1.0, 2.0])
        self.assertEqual(len(_gradviz.groups), 6)
        self.assertEqual(repr(self.nn.Neuron(3, nonlin=False)), "LinearNeuron(3)")
        self.assertEqual(self.nn.Layer(3, 1)([1.0, 2.0, 3.0]).__class__.__name__, "Value")


class NotebookTests(unittest.TestCase):
    def setUp(self):
        sys.path.insert(0, EMBEDDED)
        self.notebook = importlib.import_module("_gradviz_host.notebook")
        sys.path.remove(EMBEDDED)

    def test_code_cells_in_order(self):
        text = json.dumps({"cells": [
            {"cell_type": "markdown", "source": ["# x"]},
            {"cell_type": "code", "source": ["a = 1\n", "a"]},
            {"cell_type": "code", "source": "print(a)"},
        ], "nbformat": 4})
        self.assertEqual(self.notebook.cells(text), ["a = 1\na", "print(a)"])
        with self.assertRaises(self.notebook.NotebookError):
            self.notebook.cells("{not json")
        with self.assertRaises(self.notebook.NotebookError):
            self.notebook.cells("[]")

    def test_magics_skipped_lines_kept(self):
        source = "import numpy\n%matplotlib inline\nif True:\n    !ls\ns = '''\n%not\n'''\n"
        python, skipped = self.notebook.strip_magics(source)
        self.assertEqual(python, "import numpy\npass\nif True:\n    pass\ns = '''\n%not\n'''\n")
        self.assertEqual(skipped, [(2, "%matplotlib inline"), (4, "!ls")])
        self.assertEqual(self.notebook.strip_magics("%%time\nx = 1\n"), ("", [(1, "%%time")]))

    def test_shown_as_jupyter_shows(self):
        self.assertEqual(self.notebook.shown_text(20.0), "20.0")
        self.assertIsNone(self.notebook.shown_text(None))
        self.assertIsNone(self.notebook.shown_text(shim.Digraph()))
        self.assertEqual(self.notebook.shown_text(shim.Digraph), repr(shim.Digraph))
        self.assertTrue(self.notebook._ends_with_semicolon("plt.grid();  # done\n"))
        self.assertFalse(self.notebook._ends_with_semicolon("x = 'a;'\nx"))


if __name__ == "__main__":
    unittest.main()
