/// How value nodes are filled.
public enum NodeColoring: String, CaseIterable, Sendable {
  /// No fill, as `draw_dot`.
  case plain
  /// Filled by the gradient: colour for its sign, shade for its size on a log scale, with a
  /// legend; borders tell leaves, parameters, constants, intermediate values and the root
  /// apart.
  case grad
  /// The values a check found wrong (``DrawingOptions/flagged``: a wrong grad or data) filled
  /// red, the rest unfilled.
  case check
}
