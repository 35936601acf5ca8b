/// The values a root depends on, in topological order, as they were when the trace was taken:
/// what drawings and inspections read.
///
/// A value's position is its index in the topological order from the root, inputs before the
/// values made from them, the root last: the row of `gradviz grads` (its `#` column) and the
/// number in its node name. A value is named by its label, or by its node name when it has
/// none: `n` and its position (`n5`), the name of its node in DOT text and SVG too.
///
/// The trace copies each value's label, data, gradient, operation, group and inputs (as
/// positions) once, so later changes to the tape (a new `backward()`, a changed label) do not
/// show in it; ``value(at:)`` gives the live value on the tape.
///
/// ```swift
/// let trace = Trace(root: d)
/// trace.count               // 5
/// trace.name(at: 2)         // "n2": a * b has no label
/// trace.name(of: a)         // "a"
/// ```
public struct Trace {
  /// The value the trace ends at.
  public let root: Value
  /// The tape ids of the values the root depends on, the root last, in topological order.
  public let ids: [Int]
  /// For each tape id up to the root's, its position in ``ids``, or -1.
  private let positions: [Int32]

  /// The values' labels, by position.
  package let labels: [String]
  /// The values' data, by position.
  package let data: [Double]
  /// The values' gradients, by position; meaningful only where `gradComputed` is true.
  package let grads: [Double]
  /// Whether each value's gradient was computed or assigned.
  package let gradComputed: [Bool]
  /// The operation that made each value, as micrograd's `_op` names it; empty for leaves.
  package let ops: [String]
  /// What made each value: a leaf, a constant, or an operation.
  package let kinds: [Operation.Kind]
  /// The model group each value was made in, as an index into `groupTable`, or -1.
  package let groups: [Int32]
  /// The groups that values were made in, in the order the tape first recorded them.
  package let groupTable: [NodeGroup]
  /// `inputs[inputEnds[k - 1] ..< inputEnds[k]]` are the positions of value `k`'s inputs, in
  /// operand order.
  package let inputEnds: [Int]
  /// The inputs of all values, as positions.
  package let inputs: [Int32]

  /// Traces the values `root` depends on.
  ///
  /// - Complexity: O(n + e), where n is `root`'s id on its tape and e the number of input
  ///   edges below it; no recursion, so a chain of millions of values is fine.
  public init(root: Value) {
    self.root = root
    let tape = root.tape
    let order = tape.topologicalOrder(from: root.id)
    var positions = [Int32](repeating: -1, count: root.id + 1)
    for (k, id) in order.enumerated() { positions[id] = Int32(truncatingIfNeeded: k) }

    var labels: [String] = []
    var data: [Double] = []
    var grads: [Double] = []
    var gradComputed: [Bool] = []
    var ops: [String] = []
    var kinds: [Operation.Kind] = []
    var groups: [Int32] = []
    var inputEnds: [Int] = []
    var inputs: [Int32] = []
    labels.reserveCapacity(order.count)
    data.reserveCapacity(order.count)
    grads.reserveCapacity(order.count)
    gradComputed.reserveCapacity(order.count)
    ops.reserveCapacity(order.count)
    kinds.reserveCapacity(order.count)
    groups.reserveCapacity(order.count)
    inputEnds.reserveCapacity(order.count)
    for id in order {
      labels.append(tape.labels[id])
      data.append(tape.data[id])
      grads.append(tape.grad[id])
      gradComputed.append(tape.gradKnown[id])
      ops.append(tape.opSymbol(id))
      kinds.append(tape.kinds[id])
      groups.append(tape.groupRuns[id])
      for input in tape.inputs(of: id) { inputs.append(positions[Int(input)]) }
      inputEnds.append(inputs.count)
    }
    self.ids = order
    self.positions = positions
    self.labels = labels
    self.data = data
    self.grads = grads
    self.gradComputed = gradComputed
    self.ops = ops
    self.kinds = kinds
    self.groups = groups
    self.groupTable = tape.groupTable
    self.inputEnds = inputEnds
    self.inputs = inputs
  }

  /// The number of values in the trace.
  public var count: Int { ids.count }

  /// The root's position: the last.
  package var rootPosition: Int { ids.count - 1 }

  /// The value at `position` in topological order, on its tape.
  ///
  /// - Precondition: `position` is in `0 ..< count`.
  public func value(at position: Int) -> Value {
    Value(tape: root.tape, id: ids[position])
  }

  /// The position of `value` in topological order, or `nil` when the root does not depend on
  /// it.
  ///
  /// - Complexity: O(1).
  public func position(of value: Value) -> Int? {
    guard value.tape === root.tape, value.id < positions.count else { return nil }
    let position = positions[value.id]
    return position < 0 ? nil : Int(position)
  }

  /// Whether the root depends on `value` (the root itself included).
  public func contains(_ value: Value) -> Bool { position(of: value) != nil }

  /// The positions of the inputs of the value at `position`, in operand order (twice for an
  /// input used twice, as in `a * a`).
  ///
  /// - Complexity: O(1); the slice shares the trace's storage.
  package func inputs(at position: Int) -> ArraySlice<Int32> {
    inputs[inputRange(position)]
  }

  /// The indices in `inputs` of the value at `position`'s inputs.
  package func inputRange(_ position: Int) -> Range<Int> {
    (position == 0 ? 0 : inputEnds[position - 1])..<inputEnds[position]
  }

  /// The group the value at `position` was made in, if any.
  package func group(at position: Int) -> NodeGroup? {
    groups[position] < 0 ? nil : groupTable[Int(groups[position])]
  }

  // MARK: - Names

  /// The node name of the value at `position`: `n` and the position (`n12`), the name of its
  /// record node in DOT text and in SVG.
  public static func nodeName(_ position: Int) -> String { "n\(position)" }

  /// The position that a node name (`n12`) stands for, or `nil` when `name` is not `n`
  /// followed by the decimal digits of a position (`n012`, `n+1` and `n` are not).
  ///
  /// - Complexity: O(length of `name`).
  package static func position(inNodeName name: String) -> Int? {
    guard name.first == "n" else { return nil }
    let digits = name.dropFirst()
    guard let position = Int(digits), position >= 0, String(position) == digits else {
      return nil
    }
    return position
  }

  /// The name shown for the value at `position`: its label, or its node name (`n5`) when it
  /// has none. Control characters in the label are shown as escapes (`\x01`), so the name is
  /// safe on a terminal line.
  public func name(at position: Int) -> String {
    labels[position].isEmpty ? Self.nodeName(position) : PrintableText.escape(labels[position])
  }

  /// The name shown for `value`: its label, or its node name (`n5`) when it has none, or
  /// `an unlabelled value` when it has neither (it is not in the trace). Control characters
  /// in the label are shown as escapes (`\x01`).
  public func name(of value: Value) -> String {
    if let position = position(of: value) { return name(at: position) }
    if !value.label.isEmpty { return PrintableText.escape(value.label) }
    return "an unlabelled value"
  }
}
