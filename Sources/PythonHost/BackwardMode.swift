/// Whether ``ScriptHost/run(_:options:notes:)`` runs backpropagation after the
/// script.
public enum BackwardMode: Sendable {
  /// Run `root.backward()` after the script, unless the script computed gradients itself: it
  /// called `.backward()` or `._backward()`, or assigned a `.grad`.
  case auto
  /// Never run backward; gradients the script does not compute stay "not computed"
  /// (the CLI's `--no-backward`).
  case never
}
