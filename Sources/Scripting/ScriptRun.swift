import Autograd

/// What a script built: its tape, the value to draw, and who computed the gradients.
public struct ScriptRun: Sendable {
  /// Every value the script made, in creation order.
  public let tape: Tape
  /// The value to draw: the argument of the last `draw_dot(...)` call, or else the last
  /// `Value` assigned to a name at the top level; `nil` when the script makes no `Value`
  /// (see ``ScriptError/noValueToDraw(in:)``).
  public let root: Value?
  /// Whether the interpreter ran `root.backward()` after the script (``BackwardMode/auto``).
  public let ranBackward: Bool
  /// Whether the script computed gradients itself: it called `.backward()` or `._backward()`,
  /// or assigned a `.grad`.
  public let scriptSetGradients: Bool
}
