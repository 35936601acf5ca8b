import Autograd

/// Gradients checked against finite differences, at every leaf and at every operation.
///
/// Two checks, each with ``DerivativeComparison``:
///
/// - **Leaves.** For every input and parameter the root depends on (number literals
///   excepted), its grad beside the derivative of the root by central differences: the leaf
///   is moved to `x ± h`, the operations after it are run again from their inputs' data (as
///   ``Autograd/Tape/forward(through:)`` does), and the root's change is divided by the step. This checks what backward computed, as
///   PyTorch's `gradcheck` does, and catches grads that were set by hand or accumulated over
///   several `backward()` calls.
/// - **Operations.** For every operation the root depends on and each distinct input of it,
///   the operation's local derivative (``Autograd/Value/localDerivatives``, summed over the
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
public struct GradientCheck: Sendable {
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
  public struct LeafResult: Sendable {
    /// The leaf's position in topological order.
    public let position: Int
    public let value: Value
    public let comparison: DerivativeComparison
  }

  /// One local derivative of one operation against central differences of that operation.
  public struct NodeResult: Sendable {
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
  /// One result per leaf, in topological order.
  public let leaves: [LeafResult]
  /// One result per operation and distinct input, in topological order of the operations
  /// and operand order of the inputs.
  public let nodes: [NodeResult]

  /// Checks the gradients of the values `root` depends on.
  ///
  /// - Parameters:
  ///   - root: the value whose derivative is checked; the leaves' grads should come from
  ///     `root.backward()`.
  ///   - options: the step and the tolerance.
  /// - Complexity: O(L·(n + e)) for L leaves, n values and e edges: four runs of the
  ///   operations after each leaf (six where the derivatives disagree); plus O(e·k) for the
  ///   operations, k being an operation's number of inputs. No recursion.
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
    let snapshot = Replay.Snapshot(tape, through: root.id)
    defer { snapshot.restore() }
    nodes = Self.checkOperations(trace, options, localDerivatives)
    leaves = Self.checkLeaves(trace, options)
  }

  /// Whether nothing failed (kinks are flagged, not failed).
  public var passed: Bool { failures.isEmpty && leafFailures.isEmpty }

  /// The leaves whose check failed.
  public var leafFailures: [LeafResult] { leaves.filter { $0.comparison.status.isFailure } }

  /// The local derivatives whose check failed.
  public var failures: [NodeResult] { nodes.filter { $0.comparison.status.isFailure } }

  private static func checkLeaves(_ trace: Trace, _ options: Options) -> [LeafResult] {
    let root = trace.root
    let tape = root.tape
    var results: [LeafResult] = []
    for (position, id) in trace.ids.enumerated() {
      let leaf = Value(tape: tape, id: id)
      guard leaf.operation == .leaf else { continue }
      // Only the operations after the leaf can change when it moves.
      let after = trace.ids[(position + 1)...]
      let x = leaf.data
      let comparison = DerivativeComparison(
        analytic: leaf.isGradComputed ? leaf.grad : nil, at: x, h: options.h,
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
    return results
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
      var seen = Set<Int>()
      for input in inputs where seen.insert(input.id).inserted {
        var analytic = 0.0
        for (slot, other) in inputs.enumerated() where other.id == input.id {
          analytic += slot < slopes.count ? slopes[slot] : .nan
        }
        let x = input.data
        let comparison = DerivativeComparison(
          analytic: analytic, at: x, h: options.h, tolerance: options.tolerance
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
