import Numerics
import Testing

@testable import Autograd

/// Every kind of operation, from `Operation.Kind.allCases`: a node of that kind made from
/// leaves, checked against its rule, its central finite difference, and `backwardStep()`.
/// A kind with no sample here does not compile, so a new operation cannot go untested.
@Suite("Every kind of operation")
struct BackwardAgreementTests {
  /// A node of `kind` made from `leaves` by the public API, and points to try it at.
  struct Sample {
    let inputs: Int
    let points: [[Double]]
    let build: ([Value]) -> Value
  }

  static func sample(_ kind: Operation.Kind) -> Sample {
    switch kind {
    case .leaf: Sample(inputs: 1, points: [[1.5]]) { $0[0] }
    case .constant: Sample(inputs: 1, points: [[1.5]]) { Value.constant(2.5, on: $0[0].tape) }
    case .add: Sample(inputs: 2, points: [[1.5, -2], [0, 3]]) { $0[0] + $0[1] }
    case .subtract: Sample(inputs: 2, points: [[1.5, -2], [0, 3]]) { $0[0] - $0[1] }
    case .multiply: Sample(inputs: 2, points: [[1.5, -2], [0, 3]]) { $0[0] * $0[1] }
    case .divide: Sample(inputs: 2, points: [[1.5, -2.5], [-3, 0.25]]) { $0[0] / $0[1] }
    case .negate: Sample(inputs: 1, points: [[1.5], [-2]]) { -$0[0] }
    case .power: Sample(inputs: 1, points: [[1.5], [-2], [0.5]]) { $0[0] ** 3 }
    case .tanh: Sample(inputs: 1, points: [[0.7], [-2], [0]]) { $0[0].tanh() }
    case .exp: Sample(inputs: 1, points: [[0.7], [-2], [3]]) { $0[0].exp() }
    case .relu: Sample(inputs: 1, points: [[0.7], [-2]]) { $0[0].relu() }
    case .log: Sample(inputs: 1, points: [[0.7], [2], [1e-2]]) { try! $0[0].log() }
    case .sigmoid: Sample(inputs: 1, points: [[0.7], [-2], [12]]) { $0[0].sigmoid() }
    case .valuePower:
      Sample(inputs: 2, points: [[1.5, 2.5], [0.5, -1.5], [3, 0]]) { try! $0[0].raised(to: $0[1]) }
    case .sin: Sample(inputs: 1, points: [[0.7], [-2], [0], [3.1]]) { $0[0].sin() }
    case .sum:
      Sample(inputs: 3, points: [[1, -2, 3.5]]) { Value.sum([$0[0], $0[1], $0[2], $0[0]]) }
    case .dot:
      Sample(inputs: 5, points: [[0.5, -1.5, 2, 3, 0.25], [1, 0, -2, 4, 7]]) {
        Value.dot([$0[0], $0[1]], [$0[2], $0[3]], plus: $0[4])
      }
    }
  }

  @Test(arguments: Operation.Kind.allCases)
  func ruleDescribesTheKind(_ kind: Operation.Kind) throws {
    let rule = kind.rule
    #expect(kind.isLeaf == (rule.arity == .none))
    #expect(kind.isLeaf == (rule.role != .operation))
    #expect(Operation(kind: kind, operand: 3).encoded.kind == kind)
    #expect(kind.isLeaf == rule.name.isEmpty, "an operation needs a symbol")
    #expect(!rule.displayName.isEmpty)
    let tape = Tape()
    let sample = Self.sample(kind)
    let leaves = sample.points[0].map { Value($0, on: tape) }
    let node = sample.build(leaves)
    #expect(node.kind == kind)
    #expect(node.op == kind.symbol(operand: tape.operands[node.id]))
    switch rule.arity {
    case .none: #expect(node.inputs.isEmpty)
    case .exactly(let n): #expect(node.inputs.count == n)
    case .oneOrMore: #expect(!node.inputs.isEmpty)
    case .pairsAndBias: #expect(!node.inputs.isEmpty)
    }
  }

  /// `backward()` runs each rule inside its loop; `backwardStep()` and `localDerivatives`
  /// (which the gradient check tests) run the same rule one node at a time: both agree.
  @Test(arguments: Operation.Kind.allCases)
  func backwardAgreesWithOneStep(_ kind: Operation.Kind) throws {
    let sample = Self.sample(kind)
    for point in sample.points {
      let tape = Tape()
      let output = sample.build(point.map { Value($0, on: tape) })
      output.backward()
      let fast = output.inputs.map(\.grad)
      tape.zeroGrad()
      output.grad = 1
      output.backwardStep()
      let general = output.inputs.map(\.grad)
      #expect(fast == general, "\(kind) at \(point)")
      #expect(output.localDerivatives.count == output.inputs.count)
    }
  }

  /// Each kind's local derivatives against a central difference of its forward formula.
  @Test(arguments: Operation.Kind.allCases)
  func matchesCentralDifference(_ kind: Operation.Kind) {
    let sample = Self.sample(kind)
    let h = 1e-6
    func forward(_ point: [Double]) -> Double {
      let tape = Tape()
      return sample.build(point.map { Value($0, on: tape) }).data
    }
    for point in sample.points {
      let tape = Tape()
      let leaves = point.map { Value($0, on: tape) }
      let output = sample.build(leaves)
      output.backward()
      for (index, leaf) in leaves.enumerated() where leaf != output {
        var up = point
        var down = point
        up[index] += h
        down[index] -= h
        let numeric = (forward(up) - forward(down)) / (2 * h)
        #expect(
          leaf.grad.isApproximatelyEqual(
            to: numeric, absoluteTolerance: 1e-6, relativeTolerance: 1e-6),
          "\(kind) at \(point): d/d input \(index) analytic \(leaf.grad) numeric \(numeric)")
      }
    }
  }
}
