import Autograd

/// The values a root depends on, in topological order, with the positions and names that
/// every inspection shows.
///
/// A value's position is its row in `gradviz grads` (the `#` column): its index in the
/// topological order from the root, inputs before the values made from them. A value is named
/// by its label, or by `#` and its position when it has none (`#5`).
public struct Trace {
  /// The value the trace ends at.
  public let root: Value
  /// The tape ids of the values the root depends on, the root last, in topological order.
  public let ids: [Int]
  /// For each tape id up to the root's, its position in ``ids``, or -1.
  private let positions: [Int32]

  /// Traces the values `root` depends on.
  ///
  /// - Complexity: O(n + e) for the n values and e input edges up to the root; no recursion.
  public init(root: Value) {
    self.root = root
    ids = root.tape.topologicalOrder(from: root.id)
    var positions = [Int32](repeating: -1, count: root.id + 1)
    for (position, id) in ids.enumerated() { positions[id] = Int32(position) }
    self.positions = positions
  }

  /// The number of values in the trace.
  public var count: Int { ids.count }

  /// The value at `position` in topological order.
  ///
  /// - Precondition: `position` is in `0 ..< count`.
  public func value(at position: Int) -> Value {
    Value(tape: root.tape, id: ids[position])
  }

  /// The position of `value` in topological order, or `nil` when the root does not depend on
  /// it.
  public func position(of value: Value) -> Int? {
    guard value.tape === root.tape, value.id < positions.count else { return nil }
    let position = positions[value.id]
    return position < 0 ? nil : Int(position)
  }

  /// Whether the root depends on `value` (the root itself included).
  public func contains(_ value: Value) -> Bool { position(of: value) != nil }

  /// The name shown for `value`: its label, or `#` and its position (`#5`) when it has no
  /// label, or `an unlabelled value` when it has neither. Control characters in the label
  /// are shown as escapes (`\x01`), so the name is safe on a terminal line.
  public func name(of value: Value) -> String {
    if !value.label.isEmpty { return PrintableText.escape(value.label) }
    if let position = position(of: value) { return "#\(position)" }
    return "an unlabelled value"
  }
}
