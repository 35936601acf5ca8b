import Autograd

/// Every value a root depends on, with its label, op, data and grad: what `gradviz grads`
/// prints.
///
/// ```swift
/// let table = GradientTable(root: o, leavesOnly: true, order: .absGrad)
/// print(table.text)   // an aligned table; also .csv and .json
/// ```
/// Numbers are written in full (the shortest text that reads back to the same `Double`), so
/// nothing is lost. A grad that was never computed (see ``/Autograd/Value/isGradComputed``)
/// is never shown as 0: it is `-` in the table, an empty field in CSV and `null` in JSON.
/// NaN and infinities are `nan`, `inf` and `-inf` in the table and CSV, and the strings
/// `"nan"`, `"inf"` and `"-inf"` in JSON.
public struct GradientTable {
  /// How rows are ordered.
  public enum Order: String, CaseIterable, Sendable {
    /// Topological order: inputs before the values made from them, the root last.
    case topo
    /// By grad, largest first.
    case grad
    /// By the grad's magnitude, largest first: the values the root is most sensitive to.
    case absGrad = "abs-grad"
    /// By label, in the order of their Unicode scalars; unlabelled values last.
    case label
  }

  /// One row: a value and its position in topological order (the `#` column).
  public struct Row {
    public let position: Int
    public let value: Value
  }

  /// The values shown, in the requested order.
  public let rows: [Row]
  /// The trace the rows come from.
  public let trace: Trace

  /// Tabulates the values `root` depends on.
  ///
  /// - Parameters:
  ///   - root: the value whose dependencies are listed, itself included.
  ///   - leavesOnly: list only inputs and parameters (values made by no operation, number
  ///     literals excepted).
  ///   - order: the order of the rows. Sorts are stable: ties stay in topological order.
  ///     NaN grads sort after every number, and grads never computed last.
  /// - Complexity: O(n log n) for n values the root depends on; O(n) for ``Order/topo``.
  public init(root: Value, leavesOnly: Bool = false, order: Order = .topo) {
    self.init(trace: Trace(root: root), leavesOnly: leavesOnly, order: order)
  }

  /// Tabulates the values of `trace`; see ``init(root:leavesOnly:order:)``.
  public init(trace: Trace, leavesOnly: Bool = false, order: Order = .topo) {
    self.trace = trace
    var rows: [Row] = []
    rows.reserveCapacity(trace.count)
    for (position, id) in trace.ids.enumerated() {
      let value = Value(tape: trace.root.tape, id: id)
      if leavesOnly && value.operation != .leaf { continue }
      rows.append(Row(position: position, value: value))
    }
    if order != .topo {
      // Sort keys read once per row; the position breaks ties, which makes the sort stable.
      let keyed = rows.map { (row: $0, key: Self.key(of: $0.value, for: order)) }
      rows = keyed.sorted { lhs, rhs in
        if lhs.key != rhs.key { return Self.precedes(lhs.key, rhs.key) }
        return lhs.row.position < rhs.row.position
      }.map(\.row)
    }
    self.rows = rows
  }

  /// What a row is sorted by.
  private enum Key: Equatable {
    /// A number, larger first.
    case number(Double)
    case text(String)
    /// NaN grads, then grads never computed, then unlabelled values.
    case last(rank: Int)
  }

  private static func key(of value: Value, for order: Order) -> Key {
    switch order {
    case .topo, .grad, .absGrad:
      guard value.isGradComputed else { return .last(rank: 1) }
      let grad = order == .absGrad ? abs(value.grad) : value.grad
      return grad.isNaN ? .last(rank: 0) : .number(grad)
    case .label:
      return value.label.isEmpty ? .last(rank: 2) : .text(value.label)
    }
  }

  private static func precedes(_ lhs: Key, _ rhs: Key) -> Bool {
    switch (lhs, rhs) {
    case (.number(let a), .number(let b)): a > b
    case (.text(let a), .text(let b)): a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    case (.last(let a), .last(let b)): a < b
    case (.last, _): false
    case (_, .last): true
    default: false
    }
  }
}
