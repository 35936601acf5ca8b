/// What the tracer read from a script's own value objects besides the graph: where each
/// node's `_backward` is defined, and what it noted. Indexed by the node's id on the tape
/// the graph was traced onto (its position in the tracer's topological order).
public struct TraceDetails: Sendable, Equatable {
  /// `file:line` of each node's `_backward` code object; `nil` where it has none.
  public let origins: [String?]
  /// What was missing or odd on each node.
  public let notes: [[String]]
}
