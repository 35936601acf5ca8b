import Autograd
import Numerics
import Testing

/// Every operation's local derivative against a central finite difference of its forward
/// formula, at several points.
@Suite("Local derivatives match central differences")
struct DerivativeTests {
  /// An operation under test: builds the output node from input leaves.
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let arity: Int
    let build: @Sendable ([Value]) -> Value
    let points: [[Double]]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "a + b", arity: 2, build: { $0[0] + $0[1] }, points: [[2, -3], [0.5, 7], [-1e3, 4]]),
    Case(
      name: "a - b", arity: 2, build: { $0[0] - $0[1] }, points: [[2, -3], [0.5, 7], [-4, -4]]),
    Case(
      name: "a * b", arity: 2, build: { $0[0] * $0[1] }, points: [[2, -3], [0.5, 7], [-1.25, 0]]),
    Case(
      name: "a / b", arity: 2, build: { $0[0] / $0[1] },
      points: [[2, -3], [0.5, 7], [-1.25, 0.4]]),
    Case(name: "-a", arity: 1, build: { -$0[0] }, points: [[2], [-0.3], [0]]),
    Case(name: "a ** 2", arity: 1, build: { $0[0] ** 2 }, points: [[2], [-0.3], [5]]),
    Case(name: "a ** 3", arity: 1, build: { $0[0] ** 3 }, points: [[2], [-0.3], [1.5]]),
    Case(name: "a ** -1", arity: 1, build: { $0[0] ** -1 }, points: [[2], [-0.3], [4]]),
    Case(name: "a ** 0.5", arity: 1, build: { $0[0] ** 0.5 }, points: [[2], [0.3], [9]]),
    Case(
      name: "tanh(a)", arity: 1, build: { $0[0].tanh() },
      points: [[0.8813735870195432], [-2], [0], [3]]),
    Case(name: "exp(a)", arity: 1, build: { $0[0].exp() }, points: [[1], [-2], [0], [3.5]]),
    Case(
      name: "relu(a)", arity: 1, build: { $0[0].relu() }, points: [[1.5], [-2], [0.01], [-0.01]]),
    Case(name: "a + 2", arity: 1, build: { $0[0] + 2 }, points: [[1.5], [-2]]),
    Case(name: "1 - a", arity: 1, build: { 1 - $0[0] }, points: [[1.5], [-2]]),
    Case(name: "2 * a", arity: 1, build: { 2 * $0[0] }, points: [[1.5], [-2]]),
    Case(name: "1 / a", arity: 1, build: { 1 / $0[0] }, points: [[1.5], [-2]]),
    Case(name: "a * a", arity: 1, build: { $0[0] * $0[0] }, points: [[3], [-0.7]]),
    Case(name: "a + a", arity: 1, build: { $0[0] + $0[0] }, points: [[3], [-0.7]]),
    Case(
      name: "log(a)", arity: 1, build: { try! $0[0].log() }, points: [[0.5], [2], [1e-3], [40]]),
    Case(
      name: "sigmoid(a)", arity: 1, build: { $0[0].sigmoid() },
      points: [[0], [1.5], [-2], [-30], [12]]),
    Case(
      name: "sin(a)", arity: 1, build: { $0[0].sin() },
      points: [[0], [0.7], [-2], [Double.pi / 2], [100]]),
    Case(
      name: "sin(a * b)", arity: 2, build: { ($0[0] * $0[1]).sin() },
      points: [[0.5, 3], [-1.25, 0.4]]),
    Case(name: "a ** 0", arity: 1, build: { $0[0] ** 0 }, points: [[2], [-0.3]]),
    Case(
      name: "a ** b", arity: 2, build: { $0[0] ** $0[1] },
      points: [[2, 3], [0.5, -1.5], [3, 0.5], [1.2, 0]]),
    Case(name: "2 ** a", arity: 1, build: { 2 ** $0[0] }, points: [[3], [-1.5], [0]]),
    Case(name: "pow(a, b)", arity: 2, build: { pow($0[0], $0[1]) }, points: [[4, 0.25]]),
    Case(
      name: "sum(a, b, c)", arity: 3, build: { Value.sum([$0[0], $0[1], $0[2]]) },
      points: [[1, -2, 3.5]]),
    Case(
      name: "sum(a, a, b)", arity: 2, build: { Value.sum([$0[0], $0[0], $0[1]]) },
      points: [[1, -2]]),
    Case(
      name: "dot(a b, c d) + e", arity: 5,
      build: { Value.dot([$0[0], $0[1]], [$0[2], $0[3]], plus: $0[4]) },
      points: [[1, -2, 3.5, 0.25, 7], [0.3, 0.4, -0.5, 2, 0]]),
    Case(
      name: "dot(a a, b a)", arity: 2, build: { Value.dot([$0[0], $0[0]], [$0[1], $0[0]]) },
      points: [[1.5, -2]]),
    Case(
      name: "tanh(log(a) * sigmoid(b)) ** a", arity: 2,
      build: { (try! $0[0].log() * $0[1].sigmoid()).tanh() ** $0[0] },
      points: [[1.5, 0.3], [3, -2]]),
  ]

  /// Evaluates the case's forward formula at `point` on a fresh tape.
  static func forward(_ c: Case, _ point: [Double]) -> Double {
    let tape = Tape()
    return c.build(point.map { Value($0, on: tape) }).data
  }

  @Test(arguments: cases)
  func matchesCentralDifference(_ c: Case) {
    let h = 1e-6
    for point in c.points {
      let tape = Tape()
      let leaves = point.map { Value($0, on: tape) }
      let out = c.build(leaves)
      out.backward()
      for (index, leaf) in leaves.enumerated() {
        var up = point
        var down = point
        up[index] += h
        down[index] -= h
        let numeric = (Self.forward(c, up) - Self.forward(c, down)) / (2 * h)
        #expect(
          leaf.grad.isApproximatelyEqual(
            to: numeric, absoluteTolerance: 1e-6, relativeTolerance: 1e-6),
          "\(c.name) at \(point): d/d input \(index) analytic \(leaf.grad) numeric \(numeric)")
      }
    }
  }
}
