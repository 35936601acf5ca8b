import Autograd
import Rendering
import Testing

/// The `--edge-grads` labels against central finite differences.
@Suite("edge derivatives")
struct EdgeDerivativeTests {
  /// An operation on leaves `a` and `b`.
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let a: Double
    let b: Double
    let make: @Sendable (Value, Value) -> Value
    var testDescription: String { name }
  }

  static let cases = [
    Case(name: "a + b", a: 1.5, b: -2) { $0 + $1 },
    Case(name: "a - b", a: 1.5, b: -2) { $0 - $1 },
    Case(name: "a * b", a: 1.5, b: -2) { $0 * $1 },
    Case(name: "a / b", a: 1.5, b: -2) { $0 / $1 },
    Case(name: "a ** 3", a: 1.5, b: 0) { a, _ in a ** 3 },
    Case(name: "-a", a: 1.5, b: 0) { a, _ in -a },
    Case(name: "tanh a", a: 0.3, b: 0) { a, _ in a.tanh() },
    Case(name: "exp a", a: 0.3, b: 0) { a, _ in a.exp() },
    Case(name: "relu a", a: 0.3, b: 0) { a, _ in a.relu() },
  ]

  @Test("each edge's local derivative matches a central difference", arguments: cases)
  func localDerivative(_ c: Case) throws {
    let tape = Tape()
    let a = Value(c.a, label: "a", on: tape)
    let b = Value(c.b, label: "b", on: tape)
    let y = c.make(a, b)
    y.backward()
    let text = try Drawing(root: y, options: DrawingOptions(edgeGradients: true)).dot()
    let h = 1e-6
    for (position, leaf) in [a, b].enumerated() {
      // The leaf's edges into the operation; none when it is not an input (unary ops).
      let edges = DOTText.edges(text).filter { $0.tail == "n\(position)" }
      guard let edge = edges.first else { continue }
      let shown = try #require(DOTText.number(after: "label=\"local ", in: edge.attributes))
      let start = leaf.data
      leaf.data = start + h
      tape.forward()
      let up = y.data
      leaf.data = start - h
      tape.forward()
      let down = y.data
      leaf.data = start
      tape.forward()
      let difference = (up - down) / (2 * h)
      #expect(
        abs(shown - difference) <= 5e-5 + 1e-6 * abs(difference), "\(c.name) d/d\(leaf.label)")
    }
  }
}
