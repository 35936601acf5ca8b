import Autograd

/// A traced computation graph, ready for Graphviz: the values that a root depends on and the
/// operations between them, as micrograd's `draw_dot` shows them.
///
/// Each value is a record node `label | data | grad`; each value made by an operation also
/// gets a small node for the operation (`+`, `*`, `tanh`, ...), with one edge from each input
/// position to it (so `x * x` has two edges from `x`) and one edge from it to the value.
///
/// The trace is taken when the drawing is created: later changes to the tape (a new
/// `backward()`, a changed label) do not show. Node names come from the trace's topological
/// order (`n0`, `n1`, ..., and `n5op` for the operation that makes `n5`), so the same
/// computation gives the same DOT text on every run.
///
/// ``DrawingOptions`` shape the picture for graphs of any size: clusters or one summary node
/// per neuron or layer of a model (values carry their ``/Autograd/NodeGroup``), only the
/// values near one value (``Focus``), fills by gradient with a legend, local derivatives on
/// the edges. Node names stay those of the whole trace, so `n12` is the same value in every
/// view. Beyond pictures, ``/Autograd/Trace`` is what GraphJSON exports and
/// ``renderFrames(format:limit:_:)`` draws backward step by step.
///
/// ```swift
/// let drawing = Drawing(root: loss, options: DrawingOptions(rankdir: .TB, collapse: .neuron))
/// let text = try drawing.dot()
/// let svg = try drawing.render(format: "svg")
/// let json = try drawing.json(gradvizVersion: "0.1.0")
/// ```
public struct Drawing {
  /// How the drawing is laid out.
  package let options: DrawingOptions
  /// The values drawn, in topological order: positions, labels, data, grads, ops, inputs.
  package let trace: Trace
  /// The local derivative along each entry of `inputs`: d value / d input, at the data the
  /// trace holds.
  package let localDerivatives: [Double]
  /// For each unlabelled input of a model, the position of the weight it is multiplied by
  /// in its neuron (so it is drawn as `x[i]`); -1 for every other value.
  let inputIndex: [Int32]

  /// Traces the values that `root` depends on.
  ///
  /// - Parameters:
  ///   - root: the value to draw, usually a loss or an output.
  ///   - options: the direction of the drawing and the size limit for rendering.
  /// - Complexity: O(n + e), where n is `root`'s position on its tape and e the number of
  ///   edges below it; no recursion, so a chain of millions of values is fine.
  public init(root: Value, options: DrawingOptions = DrawingOptions()) {
    self.init(trace: Trace(root: root), options: options)
  }

  /// Draws the values of `trace`; see ``init(root:options:)``.
  ///
  /// - Complexity: O(n + e) in the trace's values and edges.
  public init(trace: Trace, options: DrawingOptions = DrawingOptions()) {
    self.options = options
    self.trace = trace
    let tape = trace.root.tape
    var localDerivatives: [Double] = []
    localDerivatives.reserveCapacity(trace.inputs.count)
    for (k, id) in trace.ids.enumerated() {
      let locals = tape.localDerivatives(of: id)
      for index in 0..<trace.inputRange(k).count {
        localDerivatives.append(index < locals.count ? locals[index] : .nan)
      }
    }
    self.localDerivatives = localDerivatives
    self.inputIndex = Self.modelInputIndices(
      kinds: trace.kinds, groups: trace.groups, labels: trace.labels, inputs: trace.inputs,
      inputEnds: trace.inputEnds)
  }

  /// The values' labels, in trace order.
  package var labels: [String] { trace.labels }
  /// The values' data, in trace order.
  package var data: [Double] { trace.data }
  /// The values' gradients, in trace order; meaningful only where `gradComputed` is true.
  package var grads: [Double] { trace.grads }
  /// Whether each value's gradient was computed or assigned.
  package var gradComputed: [Bool] { trace.gradComputed }
  /// The operation that made each value, as micrograd names it; empty for leaves.
  package var ops: [String] { trace.ops }
  /// What made each value: a leaf, a constant, or an operation.
  package var kinds: [Operation.Kind] { trace.kinds }
  /// The model group each value was made in, as an index into `groupTable`, or -1.
  package var groups: [Int32] { trace.groups }
  /// The inputs of all values, as trace positions; see ``inputRange(_:)``.
  package var inputs: [Int32] { trace.inputs }

  /// The unlabelled leaves outside any group that a neuron multiplies by one of its weights
  /// (`w[i] * x[i]`, or a `dot` of weights and inputs), with that weight's position among
  /// its neuron's parameters; -1 elsewhere. The first such product names the input.
  ///
  /// - Complexity: O(n + e).
  static func modelInputIndices(
    kinds: [Operation.Kind], groups: [Int32], labels: [String], inputs: [Int32],
    inputEnds: [Int]
  ) -> [Int32] {
    let n = kinds.count
    var parameterIndex = [Int32](repeating: -1, count: n)
    var counts: [Int32: Int32] = [:]
    for k in 0..<n where kinds[k] == .leaf && groups[k] >= 0 {
      parameterIndex[k] = counts[groups[k], default: 0]
      counts[groups[k], default: 0] += 1
    }
    var index = [Int32](repeating: -1, count: n)
    func pair(_ a: Int, _ b: Int) {
      for (input, weight) in [(a, b), (b, a)]
      where parameterIndex[weight] >= 0 && index[input] < 0 && kinds[input] == .leaf
        && groups[input] < 0 && labels[input].isEmpty
      {
        index[input] = parameterIndex[weight]
      }
    }
    for k in 0..<n where groups[k] >= 0 && (kinds[k] == .multiply || kinds[k] == .dot) {
      let start = k == 0 ? 0 : inputEnds[k - 1]
      var position = start
      while position + 1 < inputEnds[k] {
        pair(Int(inputs[position]), Int(inputs[position + 1]))
        position += 2
      }
    }
    return index
  }

  /// The label value `k` is drawn with: its own, or `x[i]` for an unlabelled model input.
  func drawnLabel(_ k: Int) -> String {
    labels[k].isEmpty && inputIndex[k] >= 0 ? "x[\(inputIndex[k])]" : labels[k]
  }

  /// The number of value (record) nodes: every value the root depends on, itself included.
  ///
  /// - Complexity: O(1).
  public var valueCount: Int { trace.count }

  /// The number of operation nodes: one for each value made by an operation.
  ///
  /// - Complexity: O(n) in ``valueCount``.
  public var opCount: Int { trace.ops.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }

  /// The trace positions of value `k`'s inputs, in operand order.
  package func inputs(of k: Int) -> ArraySlice<Int32> { trace.inputs(at: k) }

  /// The positions in `inputs` and `localDerivatives` of value `k`'s inputs.
  package func inputRange(_ k: Int) -> Range<Int> { trace.inputRange(k) }

  /// The trace position of the root: the last value.
  package var rootPosition: Int { trace.rootPosition }

  /// The group value `k` was made in, if any.
  package func group(of k: Int) -> NodeGroup? { trace.group(at: k) }
}
