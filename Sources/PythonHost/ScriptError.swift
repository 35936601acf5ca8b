/// A problem found in a script: a syntax error or an error while it ran.
///
/// Its ``description`` is a diagnostic in the familiar compiler layout:
/// ```
/// slope.mg:3:5: error: name 'c' is not defined
/// d = c + 1
///     ^
/// ```
/// The caret stands under the first character of the offending text and tildes under the rest
/// of it; `note:` lines may follow, such as `note: did you mean 'label'?` or the call site of a
/// function in which the error happened. Lines and columns are 1-based; columns count Unicode
/// scalars (one per Chinese character), and the caret line pads wide characters with two
/// spaces so that it lines up in a terminal.
///
/// A script with several independent syntax errors gives one `ScriptError` for the first,
/// whose ``errors`` lists them all and whose ``description`` shows them all, in order.
public struct ScriptError: Error, CustomStringConvertible, Equatable {
  /// The script's name as given to ``Script`` (`<stdin>`, `<-e>`, or a path).
  public let fileName: String
  /// The 1-based line of the error.
  public let line: Int
  /// The 1-based column of the error, in Unicode scalars.
  public let column: Int
  /// What went wrong, in one line, without the location.
  public let message: String
  /// The text of line ``line``, without its line break.
  public let sourceLine: String
  /// How many scalars, from ``column`` on, the error covers (at least 1).
  let length: Int
  /// Extra lines printed after the source excerpt, each prefixed with `note: `.
  private(set) var notes: [String]
  /// The errors found after this one in the same pass, in order.
  private(set) var more: [ScriptError]
  /// The exit status the command should end with: 1, 130 after Ctrl-C, or the status a
  /// script passed to `sys.exit`.
  public var status: Int32 = 1
  /// Whether there is nothing to print: a script that ended with `sys.exit(n)`.
  public var isSilent = false
  /// Whether the error is of the system, not of the script: no location is shown.
  var isSystem = false

  init(
    fileName: String, line: Int, column: Int, message: String, sourceLine: String,
    length: Int = 1, notes: [String] = [], more: [ScriptError] = []
  ) {
    self.fileName = fileName
    self.line = line
    self.column = column
    self.message = message
    self.sourceLine = sourceLine
    self.length = max(1, length)
    self.notes = notes
    self.more = more
  }

  /// Every error found: this one, then the others in the order of the script.
  public var errors: [ScriptError] {
    [adding(more: [], replacing: true)] + more
  }

  /// The error for a script that ended with `sys.exit(status)`; nothing is printed.
  init(silentStatus status: Int32, fileName: String) {
    self.init(fileName: fileName, line: 1, column: 1, message: "", sourceLine: "")
    self.status = status
    isSilent = true
  }

  /// An error of the system rather than of the script (no thread or no memory to start
  /// with): status 71 (`EX_OSERR`), shown as `gradviz: error: MESSAGE` without a location.
  static func system(_ message: String, fileName: String) -> ScriptError {
    var error = ScriptError(
      fileName: fileName, line: 1, column: 1, message: message, sourceLine: "")
    error.status = 71
    error.isSystem = true
    return error
  }

  /// The error that the runner described in `diagnostic` (its keys: file, line, column,
  /// length, message, source_line, notes, status; and `more`, the diagnostics of the later
  /// notebook cells that raised too).
  init(diagnostic: PythonObject, timeout: Double?) {
    self.init(
      fileName: diagnostic.item("file")?.string ?? "<script>",
      line: diagnostic.item("line")?.int ?? 1, column: diagnostic.item("column")?.int ?? 1,
      message: diagnostic.item("message")?.string ?? "error",
      sourceLine: diagnostic.item("source_line")?.string ?? "",
      length: diagnostic.item("length")?.int ?? 1,
      notes: (diagnostic.item("notes")?.elements ?? []).compactMap(\.string),
      more: (diagnostic.item("more")?.elements ?? []).map {
        ScriptError(diagnostic: $0, timeout: timeout)
      })
    status = Int32(truncatingIfNeeded: diagnostic.item("status")?.int ?? 1)
  }

  /// A copy with `notes` added after the existing ones.
  func adding(notes extra: [String]) -> ScriptError {
    var copy = self
    copy.notes += extra
    return copy
  }

  /// A copy followed by the errors `others` (or with only them, `replacing` those it has).
  func adding(more others: [ScriptError], replacing: Bool = false) -> ScriptError {
    var copy = self
    copy.more = (replacing ? [] : more) + others
    return copy
  }

  /// The error for a script that makes no `Value`, so that there is no graph to draw.
  ///
  /// It points just past the end of the script's last line of code, where a `draw_dot(...)`
  /// call or an assignment of a `Value` would go.
  ///
  /// - Parameter script: the script that ran without making a `Value`
  ///   (its ``ScriptRun/root`` is `nil`).
  /// - Returns: an error whose message is `no Value to draw`, with a note on how to make one.
  public static func noValueToDraw(in script: Script) -> ScriptError {
    var lines = script.source.split(separator: "\n", omittingEmptySubsequences: false)
      .map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
    if lines.count > 1, lines.last == "" { lines.removeLast() }
    var line = lines.count
    while line > 1, lines[line - 1].allSatisfy({ $0.isWhitespace }) { line -= 1 }
    let text = lines.isEmpty ? "" : lines[line - 1]
    return ScriptError(
      fileName: script.fileName, line: max(line, 1), column: text.unicodeScalars.count + 1,
      message: "no Value to draw", sourceLine: text,
      notes: ["make one, as in 'a = Value(2.0)', or name it with 'draw_dot(a)'"])
  }

  /// The diagnostic pointed into one expression of a generated program: when the error is on
  /// `line` past its first `shift` columns (the `f = ` before the expression), the location
  /// becomes `<expr>:1:COLUMN` and the source and caret lines lose those columns; otherwise
  /// ``description`` as it is.
  public func relocated(line: Int, shift: Int) -> String {
    var lines = description.components(separatedBy: "\n")
    guard self.line == line, column > shift, lines.count >= 3 else { return description }
    lines[0] = "<expr>:1:\(column - shift): error: \(message)"
    lines[1] = String(lines[1].dropFirst(shift))
    lines[2] = String(lines[2].dropFirst(shift))
    return lines.joined(separator: "\n")
  }

  /// The full diagnostic: `FILE:LINE:COL: error: MESSAGE`, the source line, the caret line
  /// and any notes, separated by newlines (no newline at the end); then the same for each
  /// further error.
  public var description: String {
    formatted(colored: false)
  }

  /// The diagnostic, with ANSI colours for a terminal when `colored`: the location in bold,
  /// `error:` in red, the caret in green and `note:` in cyan, as compilers show them.
  ///
  /// - Parameter colored: whether to add colour; pass `false` for a file or a pipe, or when
  ///   the `NO_COLOR` environment variable is set.
  /// - Returns: ``description``, coloured or not.
  public func formatted(colored: Bool) -> String {
    if isSilent { return "" }
    return errors.map { $0.single(colored: colored) }.joined(separator: "\n")
  }

  /// This error alone, without the further ones.
  private func single(colored: Bool) -> String {
    let style = DiagnosticStyle(colored: colored)
    if isSystem { return style.header(at: "gradviz:", severity: .error, message) }
    var lines = [style.header(fileName, line, column, severity: .error, message)]
    let scalars = Array(sourceLine.unicodeScalars)
    var shown = String.UnicodeScalarView()
    var caret = ""
    for (index, scalar) in scalars.enumerated() {
      shown.append(Self.isControl(scalar) && scalar != "\t" ? "\u{FFFD}" : scalar)
      if index < column - 1 {
        caret += scalar == "\t" ? "\t" : String(repeating: " ", count: Self.width(of: scalar))
      }
    }
    if column - 1 > scalars.count {
      caret += String(repeating: " ", count: column - 1 - scalars.count)
    }
    let covered = scalars.dropFirst(column - 1).prefix(length)
    let width = max(1, covered.reduce(0) { $0 + Self.width(of: $1) })
    lines.append(String(shown))
    lines.append(caret + style.caret("^" + String(repeating: "~", count: width - 1)))
    lines += notes.map { style.note($0) }
    return lines.joined(separator: "\n")
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
  }

  /// The number of terminal columns a scalar takes: 2 for East Asian wide and full-width
  /// characters, 1 otherwise.
  static func width(of scalar: Unicode.Scalar) -> Int {
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      2
    default:
      1
    }
  }
}
