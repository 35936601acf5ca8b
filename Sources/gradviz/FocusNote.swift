import Autograd
import Rendering

/// The note a picture command prints when `--focus` names several values.
enum FocusNote {
  /// Prints, to standard error, that the focus label is on several values and that all of
  /// them are drawn, with their node names; nothing when it names one value.
  static func print(for drawing: Drawing, focus: String?, quiet: Bool) {
    let matches = drawing.ambiguousFocusMatches
    guard !quiet, let focus, !matches.isEmpty else { return }
    let shown = matches.prefix(10).joined(separator: ", ") + (matches.count > 10 ? ", ..." : "")
    Console.error(
      "gradviz: note: --focus '\(PrintableText.escape(focus))' labels \(matches.count) values "
        + "(\(shown)); the surroundings of all of them are drawn. Name one by its node name, "
        + "as --focus \(matches[0]).")
  }
}
