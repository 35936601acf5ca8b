import Foundation
import Numerics
import Testing

/// Every script in shared/cases/ through the built binary, against its `# expect:` values.
@Suite("shared/cases through the CLI")
struct CasesTests {
  /// One expected number: the value labelled `label`, its data or grad, within a tolerance.
  struct Expectation: Sendable {
    enum Field: Sendable { case data, grad }
    let label: String
    let field: Field
    let value: Double
    let absolute: Double?
  }

  struct Case: CustomTestStringConvertible, Sendable {
    let file: String
    var expectations: [Expectation] = []
    var stdout: String? = nil
    var testDescription: String { file }
  }

  static func data(_ pairs: KeyValuePairs<String, Double>, abs: Double? = nil) -> [Expectation] {
    pairs.map { Expectation(label: $0.key, field: .data, value: $0.value, absolute: abs) }
  }
  static func grad(_ pairs: KeyValuePairs<String, Double>, abs: Double? = nil) -> [Expectation] {
    pairs.map { Expectation(label: $0.key, field: .grad, value: $0.value, absolute: abs) }
  }

  static let chainGrads = grad(["a": 6, "b": -4, "c": -2, "e": -2, "d": -2, "f": 4, "L": 1])
  static let chainData = data(["a": 2, "b": -3, "c": 10, "e": -6, "d": 4, "f": -2, "L": -8])
  static let neuronGrads = grad(
    [
      "o": 1, "n": 0.5, "b": 0.5, "x1*w1 + x2*w2": 0.5, "x1*w1": 0.5, "x2*w2": 0.5, "x1": -1.5,
      "w1": 1.0, "x2": 0.5, "w2": 0.0,
    ], abs: 1e-9)

  static let cases: [Case] = [
    Case(file: "expression.mg", expectations: data(["d": 4.0]), stdout: "Value(data=4.0)\n"),
    Case(file: "chain.mg", expectations: chainData + chainGrads),
    Case(file: "manual.mg", expectations: chainData + chainGrads),
    Case(
      file: "neuron.mg",
      expectations: data(["o": 0.7071067811865476, "n": 0.8813735870195432]) + neuronGrads),
    Case(
      file: "neuron_exp.mg",
      expectations: data(["o": 0.7071067811865477], abs: 1e-12)
        + grad(["x1": -1.5, "w1": 1.0, "x2": 0.5, "w2": 0.0, "b": 0.5, "n": 0.5], abs: 1e-9)),
    Case(file: "accumulate.mg", expectations: data(["b": 6]) + grad(["a": 2])),
    Case(file: "square.mg", expectations: data(["y": 9]) + grad(["x": 6])),
    Case(file: "sanity.mg", expectations: data(["y": -20]) + grad(["x": 46])),
    Case(file: "slope.mg", stdout: "d1 4.0\nd2 4.0001\nslope 0.9999999999976694\n"),
    Case(file: "function.mg", stdout: "20.0\n-22.00000039920269\n"),
  ]

  @Test(arguments: cases)
  func caseGivesItsExpectedValues(_ c: Case) throws {
    let path = CLI.shared.appendingPathComponent("cases").appendingPathComponent(c.file).path
    if let stdout = c.stdout {
      let result = try CLI.run(["run", path])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout == stdout)
    }
    guard !c.expectations.isEmpty else { return }
    let result = try CLI.run(["grads", "--format", "csv", path])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = CLI.csv(result.stdout)
    #expect(rows.first == ["#", "label", "op", "data", "grad"])
    for e in c.expectations {
      let row = try #require(rows.dropFirst().first { $0[1] == e.label }, "no value labelled \(e.label)")
      let text = e.field == .data ? row[3] : row[4]
      let actual = try #require(Double(text), "\(e.label): '\(text)' is not a number")
      if let absolute = e.absolute {
        #expect(abs(actual - e.value) <= absolute, "\(c.file) \(e.label).\(e.field) = \(actual)")
      } else {
        #expect(
          actual.isApproximatelyEqual(to: e.value, relativeTolerance: 1e-12),
          "\(c.file) \(e.label).\(e.field) = \(actual), expected \(e.value)")
      }
    }
  }

  /// manual.mg sets grads itself: gradviz must not run backward on top (grads would double).
  @Test func manualBackwardIsNotRepeated() throws {
    let path = CLI.shared.appendingPathComponent("cases/manual.mg").path
    let rows = CLI.csv(try CLI.run(["grads", "--format", "csv", path]).stdout)
    #expect(rows.first { $0[1] == "a" }?[4] == "6.0")
  }
}
