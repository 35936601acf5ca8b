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
/// per neuron or layer of a model (values carry their ``Autograd/NodeGroup``), only the
/// values near one value (``Focus``), fills by gradient with a legend, local derivatives on
/// the edges. Node names stay those of the whole trace, so `n12` is the same value in every
/// view. Beyond pictures, ``json(gradvizVersion:)`` exports the whole trace and
/// ``renderFrames(format:limit:_:)`` draws backward step by step.
///
/// ```swift
/// let drawing = Drawing(root: loss, options: DrawingOptions(rankdir: .TB, collapse: .neuron))
/// let text = try drawing.dot()
/// let svg = try drawing.render(format: "svg")
/// let json = try drawing.json(gradvizVersion: "0.1.0")
/// ```
public struct Drawing: Sendable {
  /// How the drawing is laid out.
  package let options: DrawingOptions
  /// The values' labels, in trace order.
  package let labels: [String]
  /// The values' data, in trace order.
  package let data: [Double]
  /// The values' gradients, in trace order; meaningful only where `gradComputed` is true.
  package let grads: [Double]
  /// Whether each value's gradient was computed or assigned.
  package let gradComputed: [Bool]
  /// The operation that made each value, as micrograd names it; empty for leaves.
  package let ops: [String]
  /// What made each value: a leaf, a constant, or an operation.
  package let kinds: [Operation.Kind]
  /// The model group each value was made in, as an index into `groupTable`, or -1.
  package let groups: [Int32]
  /// The groups that values were made in, in the order the tape first recorded them.
  package let groupTable: [NodeGroup]
  /// The local derivative along each entry of `inputs`: d value / d input, at the data the
  /// trace holds.
  package let localDerivatives: [Double]
  /// `inputs[inputEnds[k - 1] ..< inputEnds[k]]` are the trace positions of value `k`'s
  /// inputs, in operand order.
  package let inputEnds: [Int]
  /// The inputs of all values, as trace positions.
  package let inputs: [Int32]
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
    self.options = options
    let tape = root.tape
    let order = tape.topologicalOrder(from: root.id)
    var position = [Int32](repeating: -1, count: root.id + 1)
    for (k, id) in order.enumerated() { position[id] = Int32(truncatingIfNeeded: k) }

    var labels: [String] = []
    var data: [Double] = []
    var grads: [Double] = []
    var gradComputed: [Bool] = []
    var ops: [String] = []
    var inputEnds: [Int] = []
    var inputs: [Int32] = []
    var kinds: [Operation.Kind] = []
    var groups: [Int32] = []
    var localDerivatives: [Double] = []
    kinds.reserveCapacity(order.count)
    groups.reserveCapacity(order.count)
    labels.reserveCapacity(order.count)
    data.reserveCapacity(order.count)
    grads.reserveCapacity(order.count)
    gradComputed.reserveCapacity(order.count)
    ops.reserveCapacity(order.count)
    inputEnds.reserveCapacity(order.count)
    for id in order {
      labels.append(tape.labels[id])
      data.append(tape.data[id])
      grads.append(tape.grad[id])
      gradComputed.append(tape.gradKnown[id])
      ops.append(Operation(kind: tape.kinds[id], operand: tape.operands[id]).symbol)
      kinds.append(tape.kinds[id])
      groups.append(tape.groupIDs[id])
      let locals = tape.localDerivatives(of: id)
      for (index, input) in tape.inputs(of: id).enumerated() {
        inputs.append(position[Int(input)])
        localDerivatives.append(index < locals.count ? locals[index] : .nan)
      }
      inputEnds.append(inputs.count)
    }
    self.kinds = kinds
    self.groups = groups
    self.groupTable = tape.groupTable
    self.localDerivatives = localDerivatives
    self.labels = labels
    self.data = data
    self.grads = grads
    self.gradComputed = gradComputed
    self.ops = ops
    self.inputEnds = inputEnds
    self.inputs = inputs
    self.inputIndex = Self.modelInputIndices(
      kinds: kinds, groups: groups, labels: labels, inputs: inputs, inputEnds: inputEnds)
  }

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
  public var valueCount: Int { labels.count }

  /// The number of operation nodes: one for each value made by an operation.
  ///
  /// - Complexity: O(n) in ``valueCount``.
  public var opCount: Int { ops.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }

  /// The trace positions of value `k`'s inputs, in operand order.
  package func inputs(of k: Int) -> ArraySlice<Int32> {
    inputs[inputRange(k)]
  }

  /// The positions in `inputs` and `localDerivatives` of value `k`'s inputs.
  package func inputRange(_ k: Int) -> Range<Int> {
    (k == 0 ? 0 : inputEnds[k - 1])..<inputEnds[k]
  }

  /// The trace position of the root: the last value.
  package var rootPosition: Int { valueCount - 1 }

  /// The group value `k` was made in, if any.
  package func group(of k: Int) -> NodeGroup? {
    groups[k] < 0 ? nil : groupTable[Int(groups[k])]
  }
}
