/// The walkthrough's own definitions of what gradviz provides, recognised so that a pasted
/// notebook runs: its `Value` class, its `draw_dot` and `trace`, and the methods it defines
/// one by one outside the class (`def tanh(self)`, `def backward(self)`, `def _backward()`).
extension Parser {
  /// The classes gradviz provides, which a script's own definitions of are skipped.
  static let providedClasses = ["Value", "Module"] + Builtin.modelClassNames

  /// The note for skipping `class name`, or `nil` if gradviz does not provide it.
  static func providedClassNote(_ name: String) -> String? {
    guard providedClasses.contains(name) else { return nil }
    if name == "Value" {
      return "skipped class Value: gradviz's own Value is used; its backward() accumulates "
        + "gradients with +=, which fixes the walkthrough's = bug"
    }
    return "skipped class \(name): gradviz's own \(name) is used"
  }

  /// The note for skipping a top-level `def name(firstParameter, ...)`, or `nil` if it is the
  /// script's own function.
  ///
  /// Skipped are `draw_dot` and `trace` (gradviz draws graphs itself), `_backward` and
  /// `build_topo` (the walkthrough's backpropagation), and any function whose first
  /// parameter is `self`: a method of the walkthrough's `Value` written outside its class.
  static func walkthroughNote(name: String, firstParameter: String?) -> String? {
    let fix = "it accumulates gradients with +=, which fixes the walkthrough's = bug"
    switch name {
    case "draw_dot", "trace":
      return "skipped def \(name): gradviz draws the graph itself"
    case "_backward", "build_topo":
      return "skipped def \(name): gradviz's own backward() is used; \(fix)"
    case "backward" where firstParameter == "self":
      return "skipped def backward: gradviz's own Value.backward() is used; \(fix)"
    default:
      guard firstParameter == "self" else { return nil }
      if ValueMethod(rawValue: name) != nil {
        return "skipped def \(name): gradviz's own Value.\(name)() is used"
      }
      return "skipped def \(name): a method of the walkthrough's Value; gradviz's own Value is used"
    }
  }
}
