/// The names every script can use without defining them.
enum Builtin: String, CaseIterable {
  /// `Value(data, label='')`: a new leaf of the graph.
  case value = "Value"
  /// `print(*objects, sep=' ', end='\n')`.
  case print
  /// `draw_dot(root)`: names the value to draw.
  case drawDot = "draw_dot"
}
