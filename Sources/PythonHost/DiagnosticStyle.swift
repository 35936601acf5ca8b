/// How diagnostics are written: plain, or with the ANSI colours compilers use on a terminal.
struct DiagnosticStyle {
  enum Severity: String {
    case error, note
  }

  let colored: Bool

  private func paint(_ text: String, _ code: String) -> String {
    colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  /// `FILE:LINE:COL: error: MESSAGE`.
  func header(_ file: String, _ line: Int, _ column: Int, severity: Severity, _ message: String)
    -> String
  {
    header(at: "\(file):\(line):\(column):", severity: severity, message)
  }

  /// `PLACE error: MESSAGE`, as `gradviz: error: MESSAGE` for an error with no location.
  func header(at place: String, severity: Severity, _ message: String) -> String {
    let label = paint("\(severity.rawValue):", severity == .error ? "1;31" : "1;36")
    return paint(place, "1") + " " + label + " " + paint(message, "1")
  }

  /// The caret and tildes under the offending text.
  func caret(_ text: String) -> String {
    paint(text, "1;32")
  }

  /// `note: TEXT`, a line that follows a diagnostic.
  func note(_ text: String) -> String {
    paint("note:", "1;36") + " " + text
  }
}
