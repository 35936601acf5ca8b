import Autograd

/// Gradients checked against finite differences, at every leaf and at every operation.
///
/// Two checks, each with ``DerivativeComparison``:
///
/// - **Leaves.** For every input and parameter the root depends on (number literals
///   excepted), its grad beside the derivative of the root by central differences: the leaf
///   is moved to `x ± h`, the operations after it are run again from their inputs' data (as
///   ``/Autograd/Tape/forward(through:)`` does), and the root's change is divided by the step. This checks what backward computed, as
///   PyTorch's `gradcheck` does, and catches grads that were set by hand or accumulated over
///   several `backward()` calls.
/// - **Operations.** For every operation the root depends on and each distinct input of it,
///   the operation's local derivative (``/Autograd/Value/localDerivatives``, summed over the
///   operand slots the input fills, so `x * x` gives `2x`) beside central differences of that
///   operation alone, its other inputs held still. A wrong derivative rule is named by the
///   operation that has it, which a check of leaves alone cannot do.
///
/// The graph is left as it was found: every value's data is restored to the bit afterwards.
///
/// ```swift
/// let check = GradientCheck(root: o)
/// check.passed            // true
/// check.failures.first    // the first comparison that failed, if any
/// ```
public struct GradientCheck {
  /// The step and the tolerance.
  public struct Options: Sendable, Equatable {
    /// The step of the finite differences, > 0.
    public var h: Double
    /// The largest relative error that passes (see ``DerivativeComparison``).
    public var tolerance: Double

    /// - Precondition: `h` and `tolerance` are finite and > 0.
    public init(h: Double = 1e-6, tolerance: Double = 1e-6) {
      precondition(h.isFinite && h > 0, "the step h must be a finite number > 0")
      precondition(tolerance.isFinite && tolerance > 0, "the tolerance must be a finite number > 0")
      self.h = h
      self.tolerance = tolerance
    }
  }

  /// A leaf's grad against the derivative of the root by central differences.
  public struct LeafResult {
    /// The leaf's position in topological order.
    public let position: Int
    public let value: Value
    public let comparison: DerivativeComparison
  }

  /// One local derivative of one operation against central differences of that operation.
  public struct NodeResult {
    /// The operation's position in topological order.
    public let position: Int
    /// The value the operation made.
    public let node: Value
    /// The input the derivative is taken with respect to.
    public let input: Value
    /// The input's position in topological order.
    public let inputPosition: Int
    public let comparison: DerivativeComparison
  }

  /// The trace that was checked.
  public let trace: Trace
  public let options: Options
  /// One result per leaf checked, in topological order: every leaf when there are at most
  /// ``maxCheckedLeaves``, else that many, evenly spaced (see ``leafCount``).
  public let leaves: [LeafResult]
  /// The number of leaves the root depends on, checked or not.
  public let leafCount: Int
  /// The most leaves checked: each costs a run of the operations after it, so checking all
  /// of a wide graph's leaves would be quadratic.
  public static let maxCheckedLeaves = 200
  /// The most inputs checked per operation: each costs a run of the operation, so checking
  /// all inputs of a sum of k values would be O(k²).
  public static let maxCheckedInputs = 64
  /// One result per operation and distinct input, in topological order of the operations
  /// and operand order of the inputs.
  public let nodes: [NodeResult]
  /// The values made by an operation whose data no longer follows from their inputs' data
  /// (a leaf changed after they were computed, as a training step's `p.data += ...` after
  /// `backward()` does), in topological order: their grads belong to the old data.
  public let staleValues: [Value]

  /// Checks the gradients of the values `root` depends on.
  ///
  /// - Parameters:
  ///   - root: the value whose derivative is checked; the leaves' grads should come from
  ///     `root.backward()`.
  ///   - options: the step and the tolerance.
  /// Each step is `h` scaled to the point, `h · max(1, |x|)`, and widened where the
  /// function's own rounding (`ε·|f|`) would swamp the difference, so large inputs (`1e10 + 1`)
  /// and wide sums are checked as truly as small ones.
  ///
  /// - Complexity: O(min(L, 200)·(n + e)) for L leaves, n values and e edges: four runs of
  ///   the operations after each checked leaf (six where the derivatives disagree); plus
  ///   O(e) for the operations, at most 64 inputs of each checked. No recursion.
  public init(root: Value, options: Options = Options()) {
    self.init(root: root, options: options, localDerivatives: { $0.localDerivatives })
  }

  /// Checks as ``init(root:options:)`` does, with the operations' local derivatives taken
  /// from `localDerivatives` instead of the engine: how the tests make sure that a wrong
  /// rule is caught and named.
  package init(
    root: Value, options: Options, localDerivatives: (Value) -> [Double]
  ) {
    let trace = Trace(root: root)
    let tape = root.tape
    self.trace = trace
    self.options = options
    staleValues = trace.ids.filter { id in
      let recorded = tape.data[id]
      let again = tape.evaluate(id)
      return recorded != again && !(recorded.isNaN && again.isNaN)
    }.map { Value(tape: tape, id: $0) }
    let snapshot = Replay.Snapshot(tape, through: root.id)
    defer { snapshot.restore() }
    nodes = Self.checkOperations(trace, options, localDerivatives)
    (leaves, leafCount) = Self.checkLeaves(trace, options)
  }

  /// Whether nothing failed (kinks are flagged, not failed).
  public var passed: Bool { failures.isEmpty && leafFailures.isEmpty }

  /// The leaves whose check failed.
  public var leafFailures: [LeafResult] { leaves.filter { $0.comparison.status.isFailure } }

  /// The local derivatives whose check failed.
  public var failures: [NodeResult] { nodes.filter { $0.comparison.status.isFailure } }

  /// The step for a difference at `x` of a function whose value there is `fx` and whose
  /// derivative is about `slope`:
  /// ```
  /// step = max(h · max(1, |x|),  16 ε |fx| / (tolerance · max(1, |slope|)))
  /// ```
  /// The first term keeps `x ± step` apart from `x` in floating point; the second keeps the
  /// rounding error of f, about ε·|fx|, under a sixteenth of the tolerance.
  static func step(
    at x: Double, value fx: Double, slope: Double?, options: Options
  ) -> Double {
    let scaled = options.h * max(1, abs(x))
    guard fx.isFinite, x.isFinite else { return scaled }
    let slopeScale = max(1, abs(slope.flatMap { $0.isFinite ? $0 : nil } ?? 1))
    let rounding = 16 * Double.ulpOfOne * abs(fx) / (options.tolerance * slopeScale)
    return max(scaled, rounding)
  }

  /// `count` positions out of `0..<total`, evenly spaced, the first and last included.
  static func sample(_ total: Int, count: Int) -> [Int] {
    guard total > count else { return Array(0..<total) }
    guard count > 1 else { return [0] }
    return (0..<count).map { $0 * (total - 1) / (count - 1) }
  }

  private static func checkLeaves(_ trace: Trace, _ options: Options) -> ([LeafResult], Int) {
    let root = trace.root
    let tape = root.tape
    var results: [LeafResult] = []
    let leafPositions = trace.ids.indices.filter {
      Value(tape: tape, id: trace.ids[$0]).operation == .leaf
    }
    let rootData = root.data
    for index in sample(leafPositions.count, count: maxCheckedLeaves) {
      let position = leafPositions[index]
      let id = trace.ids[position]
      let leaf = Value(tape: tape, id: id)
      // Only the operations after the leaf can change when it moves.
      let after = trace.ids[(position + 1)...]
      let x = leaf.data
      let analytic = leaf.isGradComputed ? leaf.grad : nil
      let comparison = DerivativeComparison(
        analytic: analytic, at: x,
        h: step(at: x, value: rootData, slope: analytic, options: options),
        tolerance: options.tolerance
      ) { moved in
        leaf.data = moved
        Replay.forward(tape, ids: after)
        return root.data
      }
      leaf.data = x
      Replay.forward(tape, ids: after)
      results.append(LeafResult(position: position, value: leaf, comparison: comparison))
    }
    return (results, leafPositions.count)
  }

  private static func checkOperations(
    _ trace: Trace, _ options: Options, _ localDerivatives: (Value) -> [Double]
  ) -> [NodeResult] {
    let tape = trace.root.tape
    var results: [NodeResult] = []
    for (position, id) in trace.ids.enumerated() {
      let node = Value(tape: tape, id: id)
      if node.isLeaf { continue }
      let inputs = node.inputs
      let slopes = localDerivatives(node)
      // The local derivative with respect to each distinct input, summed over its slots.
      var analytics: [Int: Double] = [:]
      var distinct: [Value] = []
      for (slot, input) in inputs.enumerated() {
        let slope = slot < slopes.count ? slopes[slot] : .nan
        if let sum = analytics[input.id] {
          analytics[input.id] = sum + slope
        } else {
          analytics[input.id] = slope
          distinct.append(input)
        }
      }
      let value = node.data
      for index in sample(distinct.count, count: maxCheckedInputs) {
        let input = distinct[index]
        let analytic = analytics[input.id] ?? .nan
        let x = input.data
        let comparison = DerivativeComparison(
          analytic: analytic, at: x,
          h: step(at: x, value: value, slope: analytic, options: options),
          tolerance: options.tolerance
        ) { moved in
          input.data = moved
          return tape.evaluate(id)
        }
        input.data = x
        results.append(
          NodeResult(
            position: position, node: node, input: input,
            inputPosition: trace.position(of: input) ?? -1, comparison: comparison))
      }
    }
    return results
  }
}
