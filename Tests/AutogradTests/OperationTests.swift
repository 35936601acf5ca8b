import Autograd
import Foundation
import Numerics
import Testing

@Suite("Operations at micrograd parity and their domains")
struct OperationTests {
  /// micrograd's test_sanity_check (shared/cases/sanity.mg): exact values.
  @Test func sanityCheck() {
    let tape = Tape()
    let x = Value(-4.0, on: tape)
    let z = 2 * x + 2 + x
    let q = z.relu() + z * x
    let h = (z * z).relu()
    let y = h + q + q * x
    y.backward()
    #expect(y.data == -20)
    #expect(x.grad == 46)
  }

  /// micrograd's test_more_ops, with the values its repository checks against PyTorch.
  @Test func moreOps() {
    let tape = Tape()
    let a = Value(-4.0, on: tape)
    let b = Value(2.0, on: tape)
    var c = a + b
    var d = a * b + b ** 3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    let e = c - d
    let f = e ** 2
    var g = f / 2.0
    g += 10.0 / f
    g.backward()
    #expect(g.data.isApproximatelyEqual(to: 24.70408163265306, relativeTolerance: 1e-12))
    #expect(a.grad.isApproximatelyEqual(to: 138.83381924198252, relativeTolerance: 1e-12))
    #expect(b.grad.isApproximatelyEqual(to: 645.5772594752186, relativeTolerance: 1e-12))
  }

  @Test func reluOfNegativeIsPositiveZeroAndNaNStaysNaN() {
    let tape = Tape()
    let r = Value(-2.0, on: tape).relu()
    #expect(r.data == 0 && r.data.sign == .plus)
    #expect(Value(.nan, on: tape).relu().data.isNaN)
  }

  @Test func sigmoidNeverOverflows() {
    let tape = Tape()
    for (x, expected) in [(-800.0, 0.0), (800, 1), (0, 0.5)] {
      let leaf = Value(x, on: tape)
      let s = leaf.sigmoid()
      s.backward()
      #expect(s.data == expected)
      #expect(leaf.grad == (x == 0 ? 0.25 : 0))
    }
  }

  /// The edges of the power rules: no 0 · inf = NaN where the derivative is 0.
  @Test func powerDerivativesAtZero() {
    let tape = Tape()
    let x = Value(0.0, on: tape)
    let constant = x ** 0
    constant.backward()
    #expect(constant.data == 1 && x.grad == 0)
    tape.zeroGrad()
    let base = Value(0.0, on: tape)
    let exponent = Value(2.0, on: tape)
    let square = base ** exponent
    square.backward()
    #expect(square.data == 0)
    #expect(base.grad == 0 && exponent.grad == 0)
  }

  // MARK: - Domain errors

  @Test func divisionByZeroIsAnErrorThatNamesTheOperation() throws {
    let tape = Tape()
    let a = Value(1.0, on: tape)
    let zero = Value(0.0, on: tape)
    let before = tape.count
    #expect(throws: DomainError.divisionByZero(dividend: 1)) { try a.divided(by: zero) }
    #expect(throws: DomainError.divisionByZero(dividend: 1)) { try a.divided(by: 0) }
    #expect(throws: DomainError.divisionByZero(dividend: 0)) {
      try Value.constant(0, on: tape).divided(by: zero)
    }
    #expect(tape.count == before + 1)  // only the constant: nothing recorded by the failures
    #expect(DomainError.divisionByZero(dividend: 1).description == "division by zero: 1.0 / 0.0")
    #expect(DomainError.divisionByZero(dividend: 1).operation == "/")
    #expect(try a.divided(by: Value(4.0, on: tape)).data == 0.25)
  }

  @Test func logOfNonPositiveIsAnError() throws {
    let tape = Tape()
    for x: Double in [0.0, -1, -.infinity] {
      #expect(throws: DomainError.logOfNonPositive(x)) { try Value(x, on: tape).log() }
    }
    #expect(DomainError.logOfNonPositive(-1).description.hasPrefix("math domain error: log(-1.0)"))
    #expect(DomainError.logOfNonPositive(-1).operation == "log")
    #expect(try Value(Foundation.exp(2.0), on: tape).log().data == 2)
    #expect(try Value(.nan, on: tape).log().data.isNaN)
  }

  @Test func powerDomainErrors() throws {
    let tape = Tape()
    let zero = Value(0.0, on: tape)
    let negative = Value(-8.0, on: tape)
    #expect(throws: DomainError.zeroToNegativePower(exponent: -1)) { try zero.raised(to: -1) }
    #expect(throws: DomainError.negativeBaseToFractionalPower(base: -8, exponent: 0.5)) {
      try negative.raised(to: 0.5)
    }
    #expect(try negative.raised(to: 3).data == -512)
    #expect(try negative.raised(to: -1).data == -0.125)
    #expect(try zero.raised(to: 0).data == 1)
    // A Value exponent needs a positive base (or 0 with a positive exponent), whatever the
    // exponent's value: d/db a^b = a^b ln a.
    #expect(throws: DomainError.negativeBaseToValuePower(base: -8, exponent: 2)) {
      try negative.raised(to: Value(2.0, on: tape))
    }
    #expect(throws: DomainError.zeroToNegativePower(exponent: -0.5)) {
      try zero.raised(to: Value(-0.5, on: tape))
    }
    #expect(try zero.raised(to: Value(3.0, on: tape)).data == 0)
    #expect(try Value(9.0, on: tape).raised(to: Value(0.5, on: tape)).data == 3)
    let message = DomainError.negativeBaseToFractionalPower(base: -8, exponent: 0.5).description
    #expect(message.contains("-8.0 ** 0.5") && message.contains("complex"))
    #expect(DomainError.zeroToNegativePower(exponent: -1).description.contains("0.0 ** -1"))
  }

  /// The plain operators follow IEEE 754, as `Double` does: the result shows inf or NaN.
  @Test func plainOperatorsFollowIEEE754() {
    let tape = Tape()
    #expect((Value(1.0, on: tape) / Value(0.0, on: tape)).data == .infinity)
    #expect((Value(0.0, on: tape) / 0).data.isNaN)
    #expect((Value(-8.0, on: tape) ** 0.5).data.isNaN)
    #expect((Value(-8.0, on: tape) ** Value(2.0, on: tape)).data == 64)
    #expect(Value(800.0, on: tape).exp().data == .infinity)
  }

  @Test func checkedForwardStopsAtTheFirstDomainError() throws {
    let tape = Tape()
    let x = Value(2.0, on: tape)
    let y = 1 / (x - 2 + 1)
    let z = try (y + 1).log()
    x.data = 1
    #expect(throws: DomainError.divisionByZero(dividend: 1)) { try tape.checkedForward() }
    #expect(y.data == 1)  // unchanged: the division failed
    x.data = 0.5
    #expect(throws: DomainError.logOfNonPositive(-1)) { try tape.checkedForward() }
    #expect(y.data == -2)
    x.data = 3
    try tape.checkedForward()
    #expect(z.data == Foundation.log(1.5))
    // forward(through:) never throws: IEEE 754 where the domain ends.
    x.data = 1
    tape.forward()
    #expect(y.data == .infinity)
  }

  /// Forward replay recomputes every kind of node exactly as recording computed it.
  @Test func replayRecomputesEveryOperation() throws {
    func build(_ tape: Tape, _ x: Double) throws -> (Value, Value) {
      let leaf = Value(x, on: tape)
      let positive = leaf.sigmoid() + 0.5
      let y = Value.sum([try (leaf * leaf + 1).log(), positive ** leaf, 2 ** leaf.tanh()])
      return (leaf, Value.dot([y, leaf], [positive, y.relu()], plus: -leaf) / (y.exp() + 1))
    }
    let tape = Tape()
    let (leaf, out) = try build(tape, 0.7)
    leaf.data = -1.3
    tape.forward()
    #expect(out.data == (try build(Tape(), -1.3)).1.data)
  }

  // MARK: - n-ary nodes

  /// `sum` and `dot` give the same data as the chains of `+` and `*` they stand for, to the
  /// last bit, and the same gradients.
  @Test func sumAndDotAgreeWithTheirChains() {
    let tape = Tape()
    let w = [0.1, -0.7, 0.3333, 2.5].map { Value($0, on: tape) }
    let x = [1.7, 0.2, -3.1, 0.01].map { Value($0, on: tape) }
    let b = Value(0.125, on: tape)
    var chain = b
    for (wi, xi) in zip(w, x) { chain = chain + wi * xi }
    let dot = Value.dot(w, x, plus: b)
    #expect(dot.data == chain.data)
    #expect(dot.op == "dot" && dot.inputs.count == 9)
    #expect(dot.inputs == [w[0], x[0], w[1], x[1], w[2], x[2], w[3], x[3], b])
    #expect(
      dot.localDerivatives == [
        x[0].data, w[0].data, x[1].data, w[1].data, x[2].data, w[2].data, x[3].data, w[3].data, 1,
      ])
    chain.backward()
    let chainGrads = (w + x + [b]).map(\.grad)
    tape.zeroGrad()
    dot.backward()
    #expect((w + x + [b]).map(\.grad) == chainGrads)

    let values = [0.1, 0.2, 0.3, 1e16, -1e16].map { Value($0, on: tape) }
    let sum = Value.sum(values)
    #expect(sum.data == (values[0] + values[1] + values[2] + values[3] + values[4]).data)
    #expect(sum.op == "sum" && sum.localDerivatives == [1, 1, 1, 1, 1])
    #expect(Value.dot([w[0]], [x[0]]).data == w[0].data * x[0].data)
  }

  @Test func symbolsOfTheNewOperations() throws {
    let tape = Tape()
    let x = Value(2.0, on: tape)
    #expect(try x.log().op == "log")
    #expect(x.sigmoid().op == "sigmoid")
    #expect(x.sin().op == "sin" && x.sin().operation == .sin)
    #expect(x.sin().data == Foundation.sin(2.0))
    #expect((x ** x).op == "**")
    #expect((x ** x).operation == .valuePower)
    #expect(Value.sum([x, x]).operation == .sum)
  }

  // MARK: - backward() rules with the new nodes

  /// An interior `sum` node feeding two paths: a second backward() gives leaves twice the
  /// gradient and interior nodes the same gradient; zeroGrad() brings back the single one.
  @Test func backwardTwiceThroughNaryNodes() {
    let tape = Tape()
    let a = Value(1.5, on: tape)
    let b = Value(-0.5, on: tape)
    let m = Value.sum([a, b, a])
    let y = Value.dot([m, m], [a, m]) + m.sigmoid()
    y.backward()
    let once = (a.grad, b.grad, m.grad)
    y.backward()
    #expect(m.grad == once.2)
    #expect(a.grad == 2 * once.0 && b.grad == 2 * once.1)
    tape.zeroGrad()
    y.backward()
    #expect(a.grad == once.0 && b.grad == once.1)
  }

  /// Values that do not reach the root keep their gradients.
  @Test func backwardLeavesOtherGraphsAlone() {
    let tape = Tape()
    let x = Value(3.0, on: tape)
    let first = x * 2
    first.backward()
    let second = x + 1
    second.backward()
    #expect(first.grad == 1)
    #expect(x.grad == 3)
  }

  // MARK: - Tape

  @Test func truncateForgetsNodesAndTheirLabels() {
    let tape = Tape()
    let x = Value(1.0, label: "x", on: tape)
    let mark = tape.count
    let y = (x * 3).tanh()
    y.label = "y"
    #expect(tape.count == mark + 3)
    tape.truncate(to: mark)
    #expect(tape.count == mark)
    let z = x.relu().relu().relu()  // takes the ids that y and its inputs had
    #expect(z.id == y.id && z.label == "" && z.data == 1 && !z.isGradComputed && z.op == "ReLU")
    z.backward()
    #expect(x.grad == 1)
  }

  /// Nodes removed by `truncate` leave no gradient behind: the nodes recorded in their
  /// place read 0, not computed, before a backward pass reaches them.
  @Test func truncatedNodesLeaveNoGradient() {
    let tape = Tape()
    let x = Value(2.0, label: "x", on: tape)
    let mark = tape.count
    let y = (x * x).tanh() + x
    y.backward()
    #expect(y.isGradComputed && y.grad == 1)
    tape.truncate(to: mark)
    let z = x * x  // takes the ids of y's nodes
    let w = z.relu()
    #expect(z.grad == 0 && !z.isGradComputed && w.grad == 0 && !w.isGradComputed)
    x.grad = 0
    w.backward()
    #expect(x.grad == 4 && z.grad == 1 && z.isGradComputed)
  }

  /// Groups are kept as runs of nodes; each node reads the group it was made in, through
  /// nested scopes, nodes with no group between them, and a truncation inside a run.
  @Test func groupsFollowTheNodesThroughTruncation() {
    let tape = Tape()
    let a = NodeGroup(layer: 0, neuron: 0)
    let b = NodeGroup(layer: 0, neuron: 1)
    let x = Value(1.0, on: tape)
    let (p, q) = tape.withGroup(a) { (x.tanh(), x.exp()) }
    let r = q * p
    let (s, t) = tape.withGroup(b) {
      let s = r.tanh()
      return (s, tape.withGroup(a) { s * p })
    }
    let u = t.relu()
    #expect([x, p, q, r, s, t, u].map(\.group) == [nil, a, a, nil, b, a, nil])
    tape.truncate(to: q.id)
    let v = tape.withGroup(a) { p.relu() }
    let v2 = tape.withGroup(b) { v * v }
    let n = v2.tanh()
    #expect(v.id == q.id)
    #expect([x, p, v, v2, n].map(\.group) == [nil, a, a, b, nil])
  }

  @Test func reservedTapeRecordsWithoutChangingResults() {
    let small = Tape()
    let large = Tape(capacity: 10_000)
    large.reserve(20_000, inputs: 50_000)
    func build(_ tape: Tape) -> Double {
      var y = Value(0.3, on: tape)
      for k in 0..<5_000 { y = k % 2 == 0 ? (y * 1.001).tanh() : Value.sum([y, y]) * 0.5 }
      y.backward()
      return Value(tape: tape, id: 0).grad
    }
    #expect(build(small) == build(large))
  }
}
