import Autograd
import Foundation
import Testing

@testable import Inspection

/// A million operations in a chain through every inspection: no walk may recurse. Run with
/// `make stress` (`GRADVIZ_STRESS=1`); the ordinary suite uses shorter chains.
@Suite(
  "Inspection stress", .enabled(if: ProcessInfo.processInfo.environment["GRADVIZ_STRESS"] != nil))
struct InspectionStressTests {
  static let length = 1_000_000

  static func chain() -> (x: Value, y: Value) {
    let tape = Tape(capacity: 2 * length + 1)
    let x = Value(0.5, label: "x", on: tape)
    var y = x
    for _ in 0..<length { y = (y * 1.0).tanh() }
    y.backward()
    return (x, y)
  }

  @Test func millionNodeChain() throws {
    let (x, y) = Self.chain()
    let table = GradientTable(root: y, order: .absGrad)
    #expect(table.rows.count == 3 * Self.length + 1)
    #expect(table.csv.split(separator: "\n").count == table.rows.count + 1)
    let check = GradientCheck(root: y, options: .init(h: 1e-6, tolerance: 1e-4))
    #expect(check.nodes.count == 3 * Self.length)
    #expect(check.failures.isEmpty)
    let why = GradientPaths(of: x, to: y, limit: 1)
    #expect(why.pathCount == 1)
    #expect(why.derivative == x.grad)
    let nudge = try Nudge(root: y, moves: [(x, 1e-3)])
    #expect(nudge.actual.isFinite)
  }
}
