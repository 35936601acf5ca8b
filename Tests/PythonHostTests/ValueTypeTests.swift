import Autograd
import Foundation
import PythonHost
import Testing

/// gradviz's `Value` as a Python type: arithmetic, attributes, identity and errors.
@Suite("The Value type in Python")
struct ValueTypeTests {
  @Test func arithmeticForwardAndReflected() {
    let outcome = Support.run(
      """
      a = Value(3.0)
      print((a + 2).data, (2 + a).data, (a - 2).data, (2 - a).data)
      print((a * 2).data, (2 * a).data, (a / 2).data, (2 / a).data)
      print((a ** 2).data, (2 ** a).data, (a ** Value(2.0)).data, (-a).data)
      print(a.tanh().data, a.exp().data, a.relu().data, (-a).relu().data, a.log().data, a.sigmoid().data)
      """)
    #expect(outcome.error == nil)
    let python =
      """
      import math
      print(3.0 + 2, 2 + 3.0, 3.0 - 2, 2 - 3.0)
      print(3.0 * 2, 2 * 3.0, 3.0 / 2, 2 / 3.0)
      print(3.0 ** 2, 2 ** 3.0, 3.0 ** 2.0, -3.0)
      print(math.tanh(3.0), math.exp(3.0), 3.0, 0.0, math.log(3.0), 1 / (1 + math.exp(-3.0)))
      """
    if let (status, expected) = try? Support.python3(python) {
      #expect(status == 0)
      #expect(outcome.output == expected)
    }
  }

  /// `Value.sin()`, the engine's sine: data and grad as CPython's `math.sin` and `math.cos`
  /// print them, and the node named `sin`.
  @Test func sineAsTheEngineRecordsIt() throws {
    let outcome = Support.run(
      """
      a = Value(0.7, label='a')
      s = (a * 2).sin()
      s.backward()
      print(s.data, a.grad, s._op, Value(-2.0).sin().data)
      """)
    #expect(outcome.error == nil)
    let root = try #require(outcome.run?.root)
    #expect(root.operation == .sin)
    let python = """
      import math
      print(math.sin(0.7 * 2), 2 * math.cos(0.7 * 2), 'sin', math.sin(-2.0))
      """
    let (status, expected) = try #require(try Support.python3(python), "python3 is needed")
    #expect(status == 0)
    #expect(outcome.output == expected)
  }

  @Test func previousValuesInOperandOrderAreTheScriptsOwnObjects() {
    let outcome = Support.run(
      """
      x = Value(2.0, label='x')
      y = x * x
      print(len(y._prev), y._prev[0] is x, y._prev[1] is x, y._op, repr(y))
      z = 2 * x
      print(z._prev[0].data, z._prev[1] is x, (x - 1)._op, x._op == '')
      d = {x: 1}
      print(d[x], x == x, x == Value(2.0), hash(x) == hash(y._prev[0]))
      """)
    #expect(outcome.error == nil)
    #expect(
      outcome.output == """
        2 True True * Value(data=4.0)
        2.0 True - True
        1 True False True

        """)
  }

  @Test func gradientsFromBackwardAndAttributesOfTheScriptsOwn() throws {
    let outcome = Support.run(
      """
      a = Value(2.0, label='a'); b = Value(-3.0, label='b'); c = Value(10.0, label='c')
      L = (a * b + c) * Value(-2.0)
      L.backward()
      print(a.grad, b.grad, c.grad, L.grad)
      a.m = 0.5; a.v = [1, 2]
      print(a.m, a.v, a.__dict__)
      a.data -= 0.01 * a.grad
      print(a.data)
      """)
    #expect(outcome.error == nil)
    #expect(
      outcome.output == """
        6.0 -4.0 -2.0 1.0
        0.5 [1, 2] {'m': 0.5, 'v': [1, 2]}
        1.94

        """)
    let run = try #require(outcome.run)
    #expect(run.scriptSetGradients && !run.ranBackward)
  }

  @Test func aTypoOfAKnownAttributeIsSetWithANote() {
    let outcome = Support.run("x = Value(1.0)\nx.lable = 'a'\nprint(x.lable, repr(x.label))\n")
    #expect(outcome.output == "a ''\n")
    #expect(
      outcome.notes == [
        "t.py:2:1: note: 'lable' is not an attribute of Value; it was set as a new one (did you mean 'label'?)"
      ])
  }

  @Test(arguments: [
    ("Value('a')", "TypeError: Value(data) must be a number (int or float), not 'str'"),
    ("Value(1) + 'x'", "TypeError: unsupported operand type(s) for +: 'Value' and 'str'"),
    ("'x' * Value(1)", "TypeError: can't multiply sequence by non-int of type 'Value'"),
    ("Value(1.0) / 0", "ZeroDivisionError: division by zero: 1.0 / 0.0"),
    ("Value(0.0) ** -1", "ZeroDivisionError: 0.0 cannot be raised to a negative power: 0.0 ** -1"),
    ("Value(-1.0).log()", "ValueError: math domain error: log(-1.0) (log needs a positive number)"),
    (
      "Value(1.0) < Value(2.0)",
      "TypeError: '<' not supported between instances of 'Value' and 'Value'"
    ),
  ])
  func wrongInputRaisesThePythonErrorThatFits(_ source: String, _ message: String) throws {
    let outcome = Support.run(source + "\n")
    let error = try #require(outcome.error)
    #expect(error.message == message)
    #expect(error.line == 1 && error.column == 1)
  }

  @Test func theMicrogradFlavourBuildsMicrogradsShapes() {
    let outcome = Support.run(
      """
      from _gradviz import MicrogradValue as V
      a = V(2.0); b = V(-3.0)
      def shape(v):
          return (v._op, [c._op for c in v._prev])
      print(shape(a - b), shape(a / b), shape(-a), shape(2 - a), shape(2 / a))
      print(repr(a), (a * b)._prev[1] is b, (2 + a)._prev[0] is a)
      c = a * b + 1
      c.backward()
      print(repr(c), repr(a), b.grad)
      try:
          a ** b
      except AssertionError as e:
          print("AssertionError", e)
      """)
    #expect(outcome.error == nil)
    #expect(
      outcome.output == """
        ('+', ['', '*']) ('*', ['', '**-1']) ('*', ['', '']) ('+', ['*', '']) ('*', ['**-1', ''])
        Value(data=2.0, grad=0) True True
        Value(data=-5.0, grad=1) Value(data=2.0, grad=-3.0) 2.0
        AssertionError only supporting int/float powers for now

        """)
  }

  /// micrograd keeps Python's ints where it was given them: `Value(0)` (a neuron's bias) and
  /// `p.grad = 0` (zero_grad) print as `0`, until a float replaces them.
  @Test func theMicrogradFlavourKeepsIntsAsGiven() {
    let outcome = Support.run(
      """
      from _gradviz import MicrogradValue as V
      b = V(0)
      print(repr(b), b.data + 1)
      b.grad = 0
      b.data -= 0.5
      print(repr(b))
      """)
    #expect(outcome.output == "Value(data=0, grad=0) 1\nValue(data=-0.5, grad=0)\n")
  }

  /// micrograd's own engine.py under python3 and gradviz's micrograd flavour compute the same
  /// forward numbers bit for bit (floats printed by repr), and the same gradients to rounding:
  /// micrograd adds a node's gradient contributions in the order of a `set` of its children,
  /// which changes from run to run, so its own last bits do.
  @Test func theMicrogradFlavourMatchesMicrogradsEngineBitForBit() throws {
    let body = """
      import random
      random.seed(7)
      xs = [Value(random.uniform(-2, 2)) for _ in range(6)]
      y = Value(0.0)
      for i, x in enumerate(xs):
          t = (x * xs[i - 1] - 0.5 / (x + 3.0)) ** 2 + (1 - x).relu() * 0.25
          y = y + t / 7 - x
      y = y * -1.5 + 2
      y.backward()
      print(repr(y.data))
      print(*[repr(x.grad) for x in xs])
      """
    let outcome = Support.run("from _gradviz import MicrogradValue as Value\n" + body)
    #expect(outcome.error == nil)
    let engine = Support.shared.appendingPathComponent("realcode/micrograd")
    guard FileManager.default.fileExists(atPath: engine.appendingPathComponent("engine.py").path),
      let (status, expected) = try Support.python3("from engine import Value\n" + body, in: engine)
    else { return }
    #expect(status == 0)
    let ours = outcome.output.split(separator: "\n")
    let theirs = expected.split(separator: "\n")
    try #require(ours.count == 2 && theirs.count == 2)
    #expect(ours[0] == theirs[0])
    let grads = ours[1].split(separator: " ").compactMap { Double($0) }
    let reference = theirs[1].split(separator: " ").compactMap { Double($0) }
    #expect(grads.count == 6 && reference.count == 6)
    for (a, b) in zip(grads, reference) {
      #expect(abs(a - b) <= 1e-12 * max(abs(a), abs(b)))
    }
  }
}
