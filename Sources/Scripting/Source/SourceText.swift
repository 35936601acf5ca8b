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
    var starts = [0]
    var text = source
    let capacity = text.utf8.count
    self.scalars = text.withUTF8 { bytes in
      [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { buffer, initialized in
        var index = 0
        var count = 0
        let end = bytes.count
        while index < end {
          let lead = bytes[index]
          var scalar = Unicode.Scalar(lead)
          index += 1
          if lead >= 0x80 {
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            var value = UInt32(lead) & (0x7F >> length)
            for _ in 1..<length where index < end {
              value = value << 6 | UInt32(bytes[index] & 0x3F)
              index += 1
            }
            scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
          }
          buffer[count] = scalar
          count += 1
          if lead == 0x0A || (lead == 0x0D && (index >= end || bytes[index] != 0x0A)) {
            starts.append(count)
          }
        }
        initialized = count
      }
    }
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
  ///
  /// ASCII text, such as names and numbers, takes a fast path.
  func text(of span: SourceSpan) -> String {
    let range = min(span.start, scalars.count)..<min(span.end, scalars.count)
    if range.count <= 64 {
      let ascii = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count) { buffer in
        var count = 0
        for scalar in scalars[range] {
          guard scalar.value < 0x80 else { return String?.none }
          buffer[count] = UInt8(truncatingIfNeeded: scalar.value)
          count += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
      }
      if let ascii { return ascii }
    }
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars[range])
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
