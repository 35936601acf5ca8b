import Autograd
import Foundation
import Testing

@testable import Inspection

@Suite("Gradient check")
struct GradientCheckTests {
  @Test(arguments: Support.graphCases)
  func everyReferenceCasePasses(_ file: String) throws {
    let root = try Support.root(file)
    let check = GradientCheck(root: root)
    #expect(check.passed, "\(file):\n\(check.report())")
    #expect(!check.leaves.isEmpty)
    #expect(check.leaves.allSatisfy { $0.comparison.status == .pass })
    #expect(check.nodes.allSatisfy { $0.comparison.status == .pass })
  }

  /// A training step after backward moves the leaves: the grads belong to the old data, and
  /// the summary says so instead of blaming backward().
  @Test func leavesMovedAfterBackwardAreNamedAsTheCause() throws {
    let tape = Tape()
    let w = Value(0.5, label: "w", on: tape)
    let loss = ((w * 2.0) - 1.5) ** 2
    loss.label = "loss"
    loss.backward()
    #expect(GradientCheck(root: loss).staleValues.isEmpty)
    w.data += -0.1 * w.grad
    let check = GradientCheck(root: loss)
    #expect(!check.passed)
    #expect(check.staleValues.map(\.op) == ["*"])
    #expect(check.summary.contains("the data of 1 value no longer follows from its inputs"))
    #expect(!check.summary.contains("accumulated over several calls"))
  }

  /// One result per operation and distinct input: `x * x` is checked once, as 2x.
  @Test func repeatedInputIsCheckedOnceWithTheSummedDerivative() throws {
    let root = try Support.root("square.mg")
    let check = GradientCheck(root: root)
    #expect(check.nodes.count == 1)
    let only = try #require(check.nodes.first)
    #expect(only.comparison.analytic == 6)
    #expect(abs(only.comparison.numeric - 6) < 1e-8)
    #expect(check.leaves.map(\.comparison.analytic) == [6])
  }

  /// Every operation of the engine through the same generic machinery, so an operation added
  /// later is checked without changes here.
  @Test func everyOperationPassesAtOrdinaryPoints() throws {
    let source = """
      a = Value(0.7, label='a')
      b = Value(-1.3, label='b')
      c = a + b; d = a - b; e = a * b; f = a / b; g = -a; k = a ** 3; m = b ** -2
      n = (a * 0.5).tanh(); p = b.exp(); q = a.relu(); r = b.relu()
      s = c + d + e + f + g + k + m + n + p + q + r
      """
    let root = try Support.root(of: source)
    let check = GradientCheck(root: root)
    #expect(check.passed, "\(check.report())")
    let ops = Set(check.nodes.map(\.node.op))
    #expect(ops.isSuperset(of: ["+", "-", "*", "/", "neg", "**3", "**-2", "tanh", "exp", "ReLU"]))
  }

  /// The engine's operations beyond micrograd's (log, sigmoid, a Value exponent, n-ary sum
  /// and dot), through the same generic machinery: nothing here names them.
  @Test func naryAndNewerOperationsPassAndAreNamedWhenWrong() throws {
    let tape = Tape()
    let a = Value(0.7, label: "a", on: tape)
    let b = Value(1.3, label: "b", on: tape)
    let c = Value(-0.4, label: "c", on: tape)
    let terms = [
      try a.log(), b.sigmoid(), a ** b, Value.sum([a, b, a]), Value.dot([a, b], [c, a], plus: b),
    ]
    let root = Value.sum(terms)
    root.backward()
    let check = GradientCheck(root: root)
    #expect(check.passed, "\(check.report())")
    #expect(Set(check.nodes.map(\.node.op)) == ["log", "sigmoid", "**", "sum", "dot"])
    // sum([a, b, a]) is checked once for a, with derivative 2.
    let sumOfA = try #require(
      check.nodes.first { $0.node.op == "sum" && $0.input == a && $0.node != root })
    #expect(sumOfA.comparison.analytic == 2)
    // A dot rule that forgets the bias is caught and named.
    let forgetful: (Value) -> [Double] = { value in
      value.op == "dot" ? value.localDerivatives.dropLast() + [0] : value.localDerivatives
    }
    let wrong = GradientCheck(root: root, options: .init(), localDerivatives: forgetful)
    #expect(wrong.failures.map(\.node.op) == ["dot"])
    #expect(wrong.failures.map(\.input) == [b])
    // Paths through n-ary operations sum to the grads.
    for leaf in [a, b, c] {
      let why = GradientPaths(of: leaf, to: root)
      #expect(Support.close(why.paths.reduce(0) { $0 + $1.product }, leaf.grad, relative: 1e-12))
    }
    #expect(GradientPaths(of: a, to: root).pathCount == 6)
  }

  /// A deliberately wrong rule for one operation: the check fails and names that operation,
  /// at the operations and at the leaves whose grads were computed with it.
  @Test func wrongDerivativeIsCaughtAndNamed() throws {
    let root = try Support.root("neuron.mg", backward: .never)
    // tanh's rule with a factor 2 too many.
    let wrong: (Value) -> [Double] = { value in
      value.op == "tanh" ? value.localDerivatives.map { 2 * $0 } : value.localDerivatives
    }
    Self.backward(from: root, rule: wrong)
    let check = GradientCheck(root: root, options: .init(), localDerivatives: wrong)
    #expect(!check.passed)
    #expect(check.failures.map(\.node.op) == ["tanh"])
    #expect(check.failures.map(\.node.label) == ["o"])
    #expect(check.summary.contains("the derivative of 'tanh' is wrong at o w.r.t. n"))
    // Every leaf with a grad other than 0 fails; w2's grad is 0 either way.
    let failing = check.leafFailures.map(\.value.label)
    #expect(failing == ["x1", "x2", "w1", "b"])
    // The report marks the row.
    #expect(check.report().contains("FAIL"))
  }

  @Test func swappedProductRuleIsNamed() throws {
    let root = try Support.root("chain.mg")
    let swapped: (Value) -> [Double] = { value in
      value.op == "*" ? value.inputs.map(\.data) : value.localDerivatives
    }
    let check = GradientCheck(root: root, options: .init(), localDerivatives: swapped)
    #expect(Set(check.failures.map(\.node.op)) == ["*"])
    #expect(Set(check.failures.map(\.node.label)) == ["e", "L"])
    // The engine's own grads are right, so every leaf passes.
    #expect(check.leafFailures.isEmpty)
  }

  @Test func gradsSetByHandFailAtTheLeavesOnly() throws {
    let root = try Support.root(
      of: "a = Value(2.0, label='a')\nb = a * a\nb.backward()\na.grad = 5.0\n")
    let check = GradientCheck(root: root)
    #expect(!check.passed)
    #expect(check.failures.isEmpty)
    #expect(check.leafFailures.map(\.value.label) == ["a"])
    #expect(check.summary.contains("set by hand, or accumulated over several calls"))
  }

  @Test func reluAtZeroIsFlaggedNotFailed() throws {
    let root = try Support.root(of: "x = Value(0.0, label='x')\ny = x.relu()\nz = y * 2\n")
    let check = GradientCheck(root: root)
    #expect(check.passed)
    let relu = try #require(check.nodes.first { $0.node.op == "ReLU" })
    #expect(relu.comparison.status == .notDifferentiable)
    #expect(relu.comparison.left == 0 && relu.comparison.right == 1)
    #expect(check.leaves[0].comparison.status == .notDifferentiable)
    #expect(check.summary.contains("not differentiable"))
  }

  /// A kink just inside h, and a strongly curved function: the differences converge to the
  /// grad as h shrinks, so only h is too large.
  @Test func stepTooLargeIsFlaggedNotFailed() throws {
    let nearKink = GradientCheck(
      root: try Support.root(of: "x = Value(1e-7, label='x')\ny = x.relu()\n"))
    #expect(nearKink.passed)
    #expect(nearKink.leaves[0].comparison.status == .stepTooLarge)
    #expect(nearKink.summary.contains("h too large"))
    let curved = GradientCheck(
      root: try Support.root(of: "x = Value(1.0, label='x')\ny = (x * 30).exp()\n"),
      options: .init(h: 1e-3))
    #expect(curved.leaves[0].comparison.status == .stepTooLarge)
    #expect(curved.passed)
    // A wrong derivative does not converge, whatever the step.
    let wrong = DerivativeComparison(analytic: 2.0001, at: 1, h: 1e-3, tolerance: 1e-6) { $0 * $0 }
    #expect(wrong.status == .fail)
  }

  @Test func gradsNeverComputedFail() throws {
    let root = try Support.root("chain.mg", backward: .never)
    let check = GradientCheck(root: root)
    #expect(!check.passed)
    #expect(check.leaves.allSatisfy { $0.comparison.status == .notComputed })
    #expect(check.failures.isEmpty)
    #expect(check.report().contains("some grads were never computed"))
  }

  @Test func nonFiniteAndTinyStepsCannotPass() throws {
    let sqrt = GradientCheck(
      root: try Support.root(of: "x = Value(0.0, label='x')\ny = x ** 0.5\n"))
    #expect(sqrt.leaves[0].comparison.status == .notFinite)
    #expect(!sqrt.passed)
    // An unscaled step below the rounding of x is too small; the check scales its steps to x.
    let tiny = DerivativeComparison(analytic: 3, at: 1e12, h: 1e-6, tolerance: 1e-6) { 3 * $0 }
    #expect(tiny.status == .stepTooSmall)
    let scaled = GradientCheck(
      root: try Support.root(of: "x = Value(1e12, label='x')\ny = x * 3\n"))
    #expect(scaled.passed)
    let coarser = GradientCheck(
      root: try Support.root(of: "x = Value(1e12, label='x')\ny = x * 3\n"), options: .init(h: 1))
    #expect(coarser.passed)
  }

  @Test func checkLeavesEveryValueAsItWas() throws {
    let root = try Support.root("neuron_exp.mg")
    let before = Support.dataBits(root.tape)
    let grads = (0..<root.tape.count).map { Value(tape: root.tape, id: $0).grad.bitPattern }
    _ = GradientCheck(root: root)
    #expect(Support.dataBits(root.tape) == before)
    #expect((0..<root.tape.count).map { Value(tape: root.tape, id: $0).grad.bitPattern } == grads)
  }

  @Test func comparisonDefinitions() {
    // f(x) = x², at 3: central difference 6 up to rounding.
    let c = DerivativeComparison(analytic: 6, at: 3, h: 1e-6, tolerance: 1e-6) { $0 * $0 }
    #expect(c.status == .pass)
    #expect(abs(c.numeric - 6) < 1e-8)
    #expect(c.relativeError == c.absoluteError / 6)
    // Below 1 the relative error is the absolute error, so 0 against noise passes.
    let flat = DerivativeComparison(analytic: 0, at: 1, h: 1e-6, tolerance: 1e-6) { _ in 1e-20 }
    #expect(flat.status == .pass)
    let wrong = DerivativeComparison(analytic: 5, at: 3, h: 1e-6, tolerance: 1e-6) { $0 * $0 }
    #expect(wrong.status == .fail)
    // |x| at 0 with a derivative outside [-1, 1] is a failure, not a kink.
    let outside = DerivativeComparison(analytic: 3, at: 0, h: 1e-6, tolerance: 1e-6) {
      abs($0) + $0 / 2
    }
    #expect(outside.status == .fail)
    let missing = DerivativeComparison(analytic: nil, at: 0, h: 1e-6, tolerance: 1e-6) { $0 }
    #expect(missing.status == .notComputed && missing.absoluteError.isNaN)
  }

  @Test func jsonHasOneResultPerLineAndReadsBack() throws {
    let check = GradientCheck(root: try Support.root("chain.mg"))
    let text = check.json
    let lines = text.split(separator: "\n")
    #expect(lines.count == 2 + check.leaves.count + check.nodes.count)
    #expect(lines.first == #"{"h":1e-06,"passed":true,"root":6,"tolerance":1e-06,"results":["#)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let results = try #require(object["results"] as? [[String: Any]])
    #expect(results.count == 4 + 6)
    #expect(results[0]["check"] as? String == "leaf" && results[0]["label"] as? String == "a")
    #expect(results[0]["analytic"] as? Double == 6)
    let last = try #require(results.last)
    #expect(last["status"] as? String == "pass")
    #expect(check.json == text)
  }

  /// Fifty thousand operations in a chain: every walk is a loop, none recurses.
  @Test func longChainIsCheckedWithoutRecursion() throws {
    let tape = Tape()
    let x = Value(0.5, label: "x", on: tape)
    var y = x
    for _ in 0..<50_000 { y = y * 1.0 }
    y.backward()
    let check = GradientCheck(root: y)
    #expect(check.passed)
    #expect(check.leaves.count == 1)
    #expect(check.nodes.count == 100_000)
  }

  /// The manual backward of the rule under test, as `backward()` does it with the engine's.
  static func backward(from root: Value, rule: (Value) -> [Double]) {
    let trace = Trace(root: root)
    for id in trace.ids { Value(tape: root.tape, id: id).grad = 0 }
    root.grad = 1
    for id in trace.ids.reversed() {
      let node = Value(tape: root.tape, id: id)
      for (input, slope) in zip(node.inputs, rule(node)) { input.grad += slope * node.grad }
    }
  }
}
