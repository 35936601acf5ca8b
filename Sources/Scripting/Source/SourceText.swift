/// A script's text as the lexer reads it, with what diagnostics need: lines and columns.
///
/// Columns count Unicode scalars, so a line of Chinese text gets one column per character.
/// Line breaks are `\n`, `\r\n` and a lone `\r`.
struct SourceText {
  /// The name shown in diagnostics.
  let fileName: String
  /// The script's text, one element per Unicode scalar.
  let scalars: [Unicode.Scalar]
  /// The offset of the first scalar of each line; `lineStarts[0] == 0`.
  let lineStarts: [Int]

  init(fileName: String, source: String) {
    self.fileName = fileName
    let scalars = Array(source.unicodeScalars)
    var starts = [0]
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      if scalar == "\n" {
        starts.append(index)
      } else if scalar == "\r" {
        if index < scalars.count, scalars[index] == "\n" { index += 1 }
        starts.append(index)
      }
    }
    self.scalars = scalars
    self.lineStarts = starts
  }

  /// The 1-based line and column of `offset`; the end of the text is on the last line.
  func location(of offset: Int) -> (line: Int, column: Int) {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return (low + 1, offset - lineStarts[low] + 1)
  }

  /// The offset just past the last scalar of line `line` (1-based), before its line break.
  func lineEnd(_ line: Int) -> Int {
    var end = line < lineStarts.count ? lineStarts[line] : scalars.count
    let start = lineStarts[line - 1]
    while end > start, scalars[end - 1] == "\n" || scalars[end - 1] == "\r" { end -= 1 }
    return end
  }

  /// The text of line `line` (1-based), without its line break.
  func lineText(_ line: Int) -> String {
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars[lineStarts[line - 1]..<lineEnd(line)])
    return String(text)
  }

  /// The text that `span` covers.
  func text(of span: SourceSpan) -> String {
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars[min(span.start, scalars.count)..<min(span.end, scalars.count)])
    return String(text)
  }

  /// `FILE:LINE:COL` for the start of `span`, as call-site notes print it.
  func position(of span: SourceSpan) -> String {
    let (line, column) = location(of: span.start)
    return "\(fileName):\(line):\(column)"
  }

  /// A diagnostic for `span`: the caret goes under its first scalar and tildes under the rest
  /// of it that lies on the same line.
  func error(_ message: String, at span: SourceSpan, notes: [String] = []) -> ScriptError {
    let (line, column) = location(of: span.start)
    let end = min(span.end, lineEnd(line))
    let length = max(1, end - span.start)
    return ScriptError(
      fileName: fileName, line: line, column: column, message: message,
      sourceLine: lineText(line), length: length, notes: notes)
  }
}
