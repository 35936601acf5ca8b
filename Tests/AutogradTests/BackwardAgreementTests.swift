import Autograd
import Numerics
import Testing

/// `backward()` applies each op's chain rule in a fast loop of its own; `backwardStep()` and
/// `localDerivatives` (which the gradient check tests) use the general rule. Both must agree for
/// every kind of operation, so that a rule fixed in one place cannot drift from the other.
@Suite("backward() agrees with the local derivatives")
struct BackwardAgreementTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let build: @Sendable (Tape) throws -> Value
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "+") { t in Value(1.5, on: t) + Value(-2, on: t) },
    Case(name: "-") { t in Value(1.5, on: t) - Value(-2, on: t) },
    Case(name: "*") { t in Value(1.5, on: t) * Value(-2, on: t) },
    Case(name: "/") { t in Value(1.5, on: t) / Value(-2.5, on: t) },
    Case(name: "neg") { t in -Value(1.5, on: t) },
    Case(name: "**3") { t in Value(1.5, on: t) ** 3 },
    Case(name: "**Value") { t in try Value(1.5, on: t).raised(to: Value(2.5, on: t)) },
    Case(name: "tanh") { t in Value(0.7, on: t).tanh() },
    Case(name: "exp") { t in Value(0.7, on: t).exp() },
    Case(name: "log") { t in try Value(0.7, on: t).log() },
    Case(name: "relu") { t in Value(0.7, on: t).relu() },
    Case(name: "sigmoid") { t in Value(0.7, on: t).sigmoid() },
    Case(name: "sum") { t in Value.sum([1.0, -2, 3.5].map { Value($0, on: t) }) },
    Case(name: "dot") { t in
      Value.dot(
        [0.5, -1.5].map { Value($0, on: t) }, [2.0, 3.0].map { Value($0, on: t) },
        plus: Value(0.25, on: t))
    },
  ]

  @Test(arguments: cases)
  func sameGradients(_ c: Case) throws {
    let tape = Tape()
    let output = try c.build(tape)
    output.backward()
    let fast = output.inputs.map(\.grad)
    tape.zeroGrad()
    output.grad = 1
    output.backwardStep()
    let general = output.inputs.map(\.grad)
    #expect(fast.count == general.count)
    for (a, b) in zip(fast, general) {
      #expect(a.isApproximatelyEqual(to: b, relativeTolerance: 1e-15), "\(c.name): \(a) vs \(b)")
    }
  }
}
