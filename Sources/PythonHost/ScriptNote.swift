/// A remark about a script that is not an error: a line that gradviz left out, and why.
///
/// Its ``description`` is one line in the compiler layout:
/// ```
/// walkthrough.mg:17:1: note: skipped 'xs = np.arange(-5, 5, 0.25)': numpy and matplotlib are out of scope
/// ```
public struct ScriptNote: Sendable, Equatable, CustomStringConvertible {
  /// The script's name as given to ``Script``.
  public let fileName: String
  /// The 1-based line of the code the note is about.
  public let line: Int
  /// The 1-based column, in Unicode scalars.
  public let column: Int
  /// What the note says, without the location.
  public let message: String

  init(fileName: String, line: Int, column: Int, message: String) {
    self.fileName = fileName
    self.line = line
    self.column = column
    self.message = message
  }

  /// `FILE:LINE:COL: note: MESSAGE`.
  public var description: String {
    formatted(colored: false)
  }

  /// The note, with ANSI colours for a terminal when `colored` (see
  /// ``ScriptError/formatted(colored:)``).
  public func formatted(colored: Bool) -> String {
    DiagnosticStyle(colored: colored).header(fileName, line, column, severity: .note, message)
  }
}
