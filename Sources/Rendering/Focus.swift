/// The part of a graph to draw: the values within ``depth`` steps of the values labelled
/// ``name``.
public struct Focus: Sendable, Equatable {
  /// The label of the value to centre on; `n12` (a node name from the DOT text or the SVG)
  /// names the value at that position when no value has that label.
  public var name: String
  /// How many operations away, upstream (towards the inputs) and downstream (towards the
  /// root), a value may be and still be drawn. 0 draws the centre alone.
  public var depth: Int

  /// The default ``depth``.
  public static let defaultDepth = 3

  /// Creates a focus.
  ///
  /// - Precondition: `depth >= 0`.
  public init(name: String, depth: Int = Focus.defaultDepth) {
    precondition(depth >= 0, "a focus depth cannot be negative")
    self.name = name
    self.depth = depth
  }
}
