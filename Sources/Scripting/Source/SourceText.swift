/// A script's text as the lexer reads it, with what diagnostics need: lines and columns.
///
/// The text is kept as UTF-8 bytes, and ``SourceSpan``s are byte offsets; columns count
/// Unicode scalars, so a line of Chinese text gets one column per character. Line breaks
/// are `\n`, `\r\n` and a lone `\r`.
struct SourceText {
  /// The name shown in diagnostics.
  let fileName: String
  /// The script's text in UTF-8.
  let bytes: [UInt8]
  /// The offset of the first byte of each line; `lineStarts[0] == 0`.
  let lineStarts: [Int]

  init(fileName: String, source: String) {
    self.fileName = fileName
    let bytes = Array(source.utf8)
    var starts = [0]
    bytes.withUnsafeBufferPointer { buffer in
      var index = 0
      let count = buffer.count
      while index < count {
        let byte = buffer[index]
        index += 1
        if byte == 0x0A || (byte == 0x0D && (index >= count || buffer[index] != 0x0A)) {
          starts.append(index)
        }
      }
    }
    self.bytes = bytes
    self.lineStarts = starts
  }

  /// The bytes, read as scalars where they are ASCII (see ``ScalarView``).
  var scalars: ScalarView { ScalarView(bytes: bytes) }

  /// The number of Unicode scalars in `bytes[range]`: the bytes that do not continue a
  /// multi-byte sequence.
  func scalarCount(_ range: Range<Int>) -> Int {
    var count = 0
    for index in range where bytes[index] & 0xC0 != 0x80 { count += 1 }
    return count
  }

  /// The 1-based line of `offset`, and its 1-based column in Unicode scalars; the end of
  /// the text is on the last line.
  func location(of offset: Int) -> (line: Int, column: Int) {
    let line = lineIndex(of: offset)
    let start = lineStarts[line]
    return (line + 1, scalarCount(start..<max(start, min(offset, bytes.count))) + 1)
  }

  /// The 0-based index of the line that holds `offset`.
  private func lineIndex(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low
  }

  /// The offset just past the last byte of line `line` (1-based), before its line break.
  func lineEnd(_ line: Int) -> Int {
    var end = line < lineStarts.count ? lineStarts[line] : bytes.count
    let start = lineStarts[line - 1]
    while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
    return end
  }

  /// The text of line `line` (1-based), without its line break.
  func lineText(_ line: Int) -> String {
    String(decoding: bytes[lineStarts[line - 1]..<lineEnd(line)], as: UTF8.self)
  }

  /// The text that `span` covers.
  func text(of span: SourceSpan) -> String {
    String(
      decoding: bytes[min(span.start, bytes.count)..<min(span.end, bytes.count)], as: UTF8.self)
  }

  /// The scalar that starts at `offset`, and the number of bytes it takes.
  func decode(at offset: Int) -> (scalar: Unicode.Scalar, length: Int) {
    let lead = bytes[offset]
    guard lead >= 0x80 else { return (Unicode.Scalar(lead), 1) }
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    var value = UInt32(lead) & (0x7F >> length)
    var consumed = 1
    while consumed < length, offset + consumed < bytes.count {
      value = value << 6 | UInt32(bytes[offset + consumed] & 0x3F)
      consumed += 1
    }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", consumed)
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
    let start = min(span.start, bytes.count)
    let end = max(start, min(span.end, lineEnd(line)))
    let length = max(1, scalarCount(start..<end))
    return ScriptError(
      fileName: fileName, line: line, column: column, message: message,
      sourceLine: lineText(line), length: length, notes: notes)
  }
}

extension SourceText {
  /// The bytes of a script indexed as `Unicode.Scalar`s, for the lexer's comparisons with
  /// ASCII characters: an ASCII byte is its scalar; a byte of a multi-byte sequence reads as
  /// a scalar from U+0080 to U+00FF, equal to no ASCII character, and the lexer decodes it
  /// with ``SourceText/decode(at:)`` where the character matters.
  struct ScalarView {
    let bytes: [UInt8]

    subscript(offset: Int) -> Unicode.Scalar {
      Unicode.Scalar(bytes[offset])
    }

    var count: Int { bytes.count }
  }
}
