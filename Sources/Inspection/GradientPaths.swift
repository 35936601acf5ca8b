import Autograd

/// Why a gradient is what it is: every path from a value to the root, with the product of
/// the local derivatives along it, and what made a gradient 0, NaN or infinite.
///
/// By the chain rule, the derivative of the root with respect to a value is the sum, over
/// every path from the value to the root, of the product of the local derivatives of the
/// steps along the path (each step is an operation's derivative with respect to the operand
/// the path enters it by). Backpropagation computes the same sum without listing the paths;
/// this lists them, which is how a learner sees where a grad comes from.
///
/// ```swift
/// let why = GradientPaths(of: a, to: L)
/// why.paths[0].product    // 6.0 = -3.0 × 1.0 × -2.0
/// why.derivative          // 6.0, dL/da, as backward computes it
/// ```
/// The number of paths can grow exponentially with depth (each `x * x` doubles it), so only
/// the first ``limit`` are listed; ``pathCount`` counts them all and ``derivative`` sums them
/// all.
public struct GradientPaths {
  /// One step of a path: from an operand into the operation that uses it.
  public struct Step {
    /// The operand.
    public let from: Value
    /// The value the operation made.
    public let to: Value
    /// The operand slot the step enters by: `x * x` has two steps from `x`, slots 0 and 1.
    public let slot: Int
    /// `∂to/∂from` through this slot.
    public let localDerivative: Double
  }

  /// A path from the value to the root.
  public struct Path {
    public let steps: [Step]
    /// The product of the steps' local derivatives, multiplied from the root's end, as
    /// backward multiplies them.
    public let product: Double
  }

  /// The value whose gradient is explained.
  public let value: Value
  /// The value the paths end at.
  public let root: Value
  /// The first ``limit`` paths, in order of the operations they pass through (the path through
  /// the earliest-made operation first).
  public let paths: [Path]
  /// The most paths listed.
  public let limit: Int
  /// The number of paths, or `Int.max` when there are at least that many.
  public let pathCount: Int
  /// `∂root/∂value`: the sum over every path, accumulated by reverse accumulation over the
  /// operations' ``/Autograd/Value/localDerivatives`` in the order backward uses. It is the
  /// grad that `root.backward()` gives the value (for a leaf, when its grad was zero before),
  /// up to the rounding of how each local derivative is multiplied in.
  public let derivative: Double
  /// When ``derivative`` is 0, NaN or infinite, or no path exists: why.
  public let causes: [Cause]

  /// Finds the paths from `value` to `root`.
  ///
  /// - Parameters:
  ///   - value: the value whose gradient is explained.
  ///   - root: the value it is the gradient of.
  ///   - limit: the most paths to list, >= 0.
  /// - Complexity: O(n + e) for the n values and e edges between `value` and `root`, plus
  ///   O(limit × path length) to list the paths; no recursion.
  public init(of value: Value, to root: Value, limit: Int = 20) {
    precondition(limit >= 0, "the limit must be >= 0")
    precondition(value.tape === root.tape, "the value and the root are on different tapes")
    self.value = value
    self.root = root
    self.limit = limit
    let graph = PathGraph(from: value, to: root)
    pathCount = graph.pathCount
    derivative = graph.derivative
    paths = graph.paths(limit: limit)
    causes = graph.causes(derivative: derivative)
  }
}
