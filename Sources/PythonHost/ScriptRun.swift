import Autograd

/// What a script built: its tape, the value to draw, the pictures it asked for, and who
/// computed the gradients.
///
/// Not `Sendable`: it holds values, and their tapes are not thread-safe.
/// ``ScriptHost/run(_:options:notes:)`` makes it on the interpreter's thread and hands it to
/// its caller as a `sending` result, and the caller then owns it. One caveat the compiler
/// cannot see: a Python object of the run that outlives it (kept by a module that stays
/// imported) can reach its tape from a later run, so use a run's values while no other thread
/// runs a script.
public struct ScriptRun {
  /// The tape that holds ``root``.
  public let tape: Tape
  /// The value to draw: the argument of the last `draw_dot(...)` call, or else the last
  /// value assigned to a name at the top level; `nil` when the script makes none (see
  /// ``ScriptError/noValueToDraw(in:)``). A value of the script's own class is traced onto a
  /// tape of its own.
  public let root: Value?
  /// Whether gradviz ran `root.backward()` after the script (``BackwardMode/auto``).
  public let ranBackward: Bool
  /// Whether the script computed gradients itself: it called `.backward()` or `._backward()`
  /// on a gradviz `Value`, or assigned a `.grad`.
  public let scriptSetGradients: Bool
  /// One picture per `draw_dot` call, in order, each as the graph was at that call.
  public let pictures: [Picture]
  /// What the script printed, for ``ScriptHost/Output/capture``.
  public let output: String?
  /// When ``root`` is a graph of the script's own value objects: what the tracer read
  /// besides the graph (where each node's `_backward` is). `nil` for gradviz's own `Value`.
  public var traced: TraceDetails? = nil
  /// With ``ScriptHost/Options/keepGraphsOnError``: the error the script raised, if it did.
  public var error: ScriptError? = nil
}
