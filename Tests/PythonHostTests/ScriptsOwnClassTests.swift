import Autograd
import Foundation
import PythonHost
import Testing

/// A script's own classes run as written; its values are traced into the engine's tape.
@Suite("A script's own Value class")
struct ScriptsOwnClassTests {
  /// The lecture's Value, as its last version has it.
  static let lectureValue = """
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
        def __pow__(self, other):
            out = Value(self.data**other, (self,), f'**{other}')
            def _backward():
                self.grad += other * (self.data ** (other - 1)) * out.grad
            out._backward = _backward
            return out
        def __rmul__(self, other):
            return self * other
        def __radd__(self, other):
            return self + other
        def __truediv__(self, other):
            return self * other**-1
        def __neg__(self):
            return self * -1
        def __sub__(self, other):
            return self + (-other)
        def tanh(self):
            x = self.data
            t = (math.exp(2*x) - 1)/(math.exp(2*x) + 1)
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

    """

  /// The lecture's own `class Neuron`.
  static let lectureNeuron = """
    import random
    class Neuron:
        def __init__(self, nin):
            self.w = [Value(random.uniform(-1,1)) for _ in range(nin)]
            self.b = Value(random.uniform(-1,1))
        def __call__(self, x):
            act = sum((wi*xi for wi, xi in zip(self.w, x)), self.b)
            out = act.tanh()
            return out
    random.seed(42)
    n = Neuron(3)
    print(n([2.0, 3.0, -1.0]).data)

    """

  /// The lecture's own tanh neuron on gradviz's Value, under `random.seed(42)`: CPython with
  /// a Value whose tanh is `math.tanh` prints -0.9835404188768979.
  @Test func theLecturesTanhNeuronGivesCPythonsNumber() {
    let outcome = Support.run(Self.lectureNeuron)
    #expect(outcome.error == nil)
    #expect(outcome.output == "-0.9835404188768979\n")
  }

  /// The same neuron on the lecture's own Value class (tanh from `exp`) prints what CPython
  /// prints for it, to the last digit.
  @Test func theLecturesOwnValueClassRunsAsWritten() throws {
    let source = Self.lectureValue + Self.lectureNeuron
    let outcome = Support.run(source)
    #expect(outcome.error == nil)
    #expect(outcome.output == "-0.983540418876898\n")
    if let (status, expected) = try Support.python3(source) {
      #expect(status == 0 && outcome.output == expected)
    }
  }

  @Test func itsGraphIsTracedWithItsOwnNumbersAndGradients() throws {
    let outcome = Support.run(
      Self.lectureValue + """
        a = Value(2.0, label='a')
        b = Value(-3.0, label='b')
        c = Value(10.0, label='c')
        e = a*b; e.label = 'e'
        d = e + c; d.label = 'd'
        f = Value(-2.0, label='f')
        L = d * f; L.label = 'L'
        L.backward()
        """)
    #expect(outcome.error == nil)
    let run = try #require(outcome.run)
    let root = try #require(run.root)
    #expect(root.label == "L" && root.data == -8 && root.op == "*")
    #expect(!run.ranBackward)
    let grads = try ["a", "b", "c", "d", "e", "f"].map { try Support.value($0, in: root).grad }
    #expect(grads == [6, -4, -2, -2, -2, 4])
    #expect(root.tape.count == 7)
  }

  @Test func setOrderedChildrenAreTracedTheSameWayEveryRun() throws {
    let source =
      Self.lectureValue
      + "xs = [Value(float(i), label=f'x{i}') for i in range(20)]\ny = sum(xs[1:], xs[0])\n"
      + "y = y * y\ndraw_dot(y)\n"
    let first = try #require(Support.run(source).run?.root)
    let second = try #require(Support.run(source).run?.root)
    let labels = { (root: Value) in
      (0..<root.tape.count).map { Value(tape: root.tape, id: $0).label }
    }
    #expect(labels(first) == labels(second))
    #expect(first.inputs.count == 1)  // the lecture's set keeps one child of y * y
    #expect(first.op == "*")
  }

  @Test func anObjectThatIsNotValueLikeGetsANoteNotAPicture() throws {
    let outcome = Support.run("def draw_dot(x):\n    return x\n\ndraw_dot(3)\nprint('ok')\n")
    #expect(outcome.error == nil && outcome.output == "ok\n")
    #expect(outcome.notes.contains { $0.contains("draw_dot: no picture") })
  }
}
