import Autograd
import Foundation
import Numerics
import Testing

/// Long runs for `make stress` (set GRADVIZ_STRESS=1); `make test` skips them.
@Suite("Stress", .enabled(if: ProcessInfo.processInfo.environment["GRADVIZ_STRESS"] != nil))
struct StressTests {
  /// A small deterministic generator for the random graphs.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func unit() -> Double { Double(next()) * 0x1p-53 }
  }

  /// Builds a random expression over `leaves` with every kind of node, keeping every value
  /// inside the domains (bases of Value powers positive, divisors away from 0).
  static func randomGraph(_ leaves: [Value], _ generator: inout Generator, size: Int) throws
    -> Value
  {
    var pool = leaves
    for _ in 0..<size {
      let a = pool[generator.below(pool.count)]
      let b = pool[generator.below(pool.count)]
      let positive = a.sigmoid() + 0.5  // in (0.5, 1.5)
      let next: Value
      switch generator.below(14) {
      case 0: next = a + b
      case 1: next = a - b
      case 2: next = a * b
      case 3: next = a / (b * b + 1)
      case 4: next = -a
      case 5: next = a.tanh()
      case 6: next = a.tanh().exp()
      case 7: next = a.relu() + 0.1 * a
      case 8: next = try (a * a + 1).log()
      case 9: next = a.sigmoid()
      case 10: next = positive ** 3 + a ** 2
      case 11: next = positive ** b.tanh()
      case 12: next = Value.sum([a, b, a])
      default: next = Value.dot([a, b], [b.tanh(), a], plus: positive)
      }
      pool.append(next.tanh() * 2)  // keep magnitudes moderate
    }
    return Value.sum(Array(pool.suffix(4)))
  }

  /// 500 random graphs: every leaf's gradient against a central difference taken by forward
  /// replay of the same tape.
  @Test func randomGraphsMatchCentralDifferences() throws {
    var generator = Generator(state: 2024)
    for graph in 0..<500 {
      let tape = Tape()
      let leaves = (0..<4).map { _ in Value(generator.unit() * 4 - 2, on: tape) }
      let root = try Self.randomGraph(leaves, &generator, size: 25)
      root.backward()
      for leaf in leaves {
        let x = leaf.data
        let h = 1e-6
        leaf.data = x + h
        try tape.checkedForward(through: root.id)
        let up = root.data
        leaf.data = x - h
        try tape.checkedForward(through: root.id)
        let down = root.data
        leaf.data = x
        try tape.checkedForward(through: root.id)
        let numeric = (up - down) / (2 * h)
        #expect(
          leaf.grad.isApproximatelyEqual(
            to: numeric, absoluteTolerance: 1e-5, relativeTolerance: 1e-5),
          "graph \(graph): analytic \(leaf.grad), numeric \(numeric)")
      }
    }
  }

  /// Ten million nodes in one chain through every kind of one- and n-input node: backward,
  /// replay and freeing without recursion.
  @Test func tenMillionNodeChain() {
    let tape = Tape()
    let x = Value(0.25, on: tape)
    var y = x
    while tape.count < 10_000_000 {
      y = Value.sum([y.tanh(), Value.dot([y], [y])]).sigmoid() - 0.5
    }
    y.backward()
    // The product of ten million slopes below 1 underflows to 0; it must not be NaN.
    #expect(x.grad.isFinite && x.isGradComputed)
    let before = y.data
    tape.forward()
    #expect(y.data == before)
  }
}
