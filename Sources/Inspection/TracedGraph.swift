import Autograd

/// A graph that a script built with its own `Value` class, as read from its objects.
///
/// One entry per node, in topological order (every node after its inputs), the root last.
/// Everything is as the script left it: `data` and `grad` are the numbers on its objects,
/// `op` its `_op` string, `inputs` its `_prev` (a `set` of children keeps one copy of an
/// operand used twice, so the `*` of `x*x` may have one input).
///
/// ```swift
/// let graph = try TracedGraph(
///   labels: ["a", "b", "c"], data: [2, -3, -6], grads: [-3, 2, 1],
///   ops: ["", "", "*"], inputs: [[], [], [0, 1]])
/// ```
public struct TracedGraph: Sendable, Equatable {
  /// Each node's `label`; empty when it has none.
  public let labels: [String]
  /// Each node's `data`.
  public let data: [Double]
  /// Each node's `grad`; `nil` when the object has none that is a number.
  public let grads: [Double?]
  /// Each node's `_op`; empty for a leaf.
  public let ops: [String]
  /// Each node's inputs: positions of earlier nodes, in operand order.
  public let inputs: [[Int]]
  /// Where each node's `_backward` is defined, `file:line`; `nil` when unknown.
  public let origins: [String?]
  /// What the tracer found missing or odd on each node.
  public let notes: [[String]]

  /// Checks the shape of a traced graph and keeps it.
  ///
  /// - Parameters: one list per field, all of the same length (at least one node); `origins`
  ///   and `notes` may be empty for none.
  /// - Throws: ``TracedGraphError`` when the lists differ in length, the graph is empty, or
  ///   a node names an input that is not an earlier node.
  /// - Complexity: O(n + e) for n nodes and e input edges.
  public init(
    labels: [String], data: [Double], grads: [Double?], ops: [String], inputs: [[Int]],
    origins: [String?] = [], notes: [[String]] = []
  ) throws(TracedGraphError) {
    let count = data.count
    guard count > 0 else { throw .empty }
    for (name, length) in [
      ("label", labels.count), ("grad", grads.count), ("op", ops.count),
      ("inputs", inputs.count),
    ] where length != count {
      throw .lengthMismatch(field: name, count: length, expected: count)
    }
    if !origins.isEmpty, origins.count != count {
      throw .lengthMismatch(field: "origin", count: origins.count, expected: count)
    }
    if !notes.isEmpty, notes.count != count {
      throw .lengthMismatch(field: "notes", count: notes.count, expected: count)
    }
    for (node, list) in inputs.enumerated() {
      for input in list where input < 0 || input >= node {
        throw .inputNotEarlier(node: node, input: input)
      }
    }
    self.labels = labels
    self.data = data
    self.grads = grads
    self.ops = ops
    self.inputs = inputs
    self.origins = origins.isEmpty ? Array(repeating: nil, count: count) : origins
    self.notes = notes.isEmpty ? Array(repeating: [], count: count) : notes
  }

  /// The number of nodes.
  public var count: Int { data.count }

  /// The root's position: the last.
  public var root: Int { count - 1 }

  /// The name shown for node `position`: its label, or its node name (`n5`).
  public func name(_ position: Int) -> String {
    labels[position].isEmpty ? Trace.nodeName(position) : labels[position]
  }
}

/// Why a ``TracedGraph`` cannot be made from what a tracer read.
public enum TracedGraphError: Error, Equatable, Sendable, CustomStringConvertible {
  /// There are no nodes.
  case empty
  /// A field has `count` entries where the graph has `expected` nodes.
  case lengthMismatch(field: String, count: Int, expected: Int)
  /// Node `node` names `input` as an input, which is not an earlier node.
  case inputNotEarlier(node: Int, input: Int)

  public var description: String {
    switch self {
    case .empty:
      return "the traced graph has no nodes"
    case .lengthMismatch(let field, let count, let expected):
      return "the traced graph has \(count) '\(field)' entries for \(expected) nodes"
    case .inputNotEarlier(let node, let input):
      return
        "node \(Trace.nodeName(node)) of the traced graph names \(Trace.nodeName(input)) as an "
        + "input, which does not come before it"
    }
  }
}
