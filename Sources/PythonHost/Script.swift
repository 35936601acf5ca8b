import Foundation

/// A gradviz script: Python source and the name to show in diagnostics.
///
/// ```swift
/// let script = Script(source: "a = Value(2.0)\nb = a * a\n", fileName: "<-e>")
/// let run = try ScriptHost.run(script)
/// ```
public struct Script: Sendable {
  /// The name shown in diagnostics: `<stdin>`, `<-e>`, or the path as the user gave it.
  public let fileName: String
  /// The script's text.
  public let source: String
  /// The folder the script is in, which becomes `sys.path[0]` as `python3 FILE` makes it;
  /// `nil` for `-e` and standard input (the current folder, as `python3 -c`).
  public let directory: String?

  /// Creates a script from text.
  ///
  /// - Parameters:
  ///   - source: the script's text. A NUL character in it is reported when the script runs.
  ///   - fileName: the name shown in diagnostics.
  ///   - directory: the folder of the script's file; `nil` for text from `-e` or stdin.
  public init(source: String, fileName: String, directory: String? = nil) {
    self.source = source
    self.fileName = fileName
    self.directory = directory
  }

  /// Creates a script from the bytes of a file, which must be UTF-8 text.
  ///
  /// A leading UTF-8 byte order mark is dropped, as Python does.
  ///
  /// - Parameters:
  ///   - bytes: the file's contents.
  ///   - fileName: the name shown in diagnostics.
  /// - Throws: a ``ScriptError`` pointing at the first byte that is not valid UTF-8
  ///   (`the file is not valid UTF-8: unexpected byte 0xFF`) or at the first NUL byte
  ///   (`the file contains a null byte`).
  /// - Complexity: O(n) in the number of bytes.
  public init(bytes: [UInt8], fileName: String, directory: String? = nil) throws(ScriptError) {
    var bytes = bytes[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    let hasNull = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
    }
    if !hasNull, let text = String(validating: bytes, as: UTF8.self) {
      self.init(source: text, fileName: fileName, directory: directory)
      return
    }
    var lineStart = bytes.startIndex
    var line = 1
    var column = 1
    func failure(_ message: String, at position: Int) -> ScriptError {
      var lineEnd = position
      while lineEnd < bytes.endIndex, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D {
        lineEnd += 1
      }
      let text = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
      return ScriptError(
        fileName: fileName, line: line, column: column, message: message, sourceLine: text,
        notes: ["save the script as UTF-8 text"])
    }
    var offset = bytes.startIndex
    while offset < bytes.endIndex {
      let byte = bytes[offset]
      if byte > 0x0D, byte < 0x80 {
        offset += 1
        column += 1
        continue
      }
      switch byte {
      case 0x00:
        throw failure("the file contains a null byte", at: offset)
      case 0x0A:
        offset += 1
        line += 1
        column = 1
        lineStart = offset
        continue
      case 0x0D:
        offset += 1
        if offset < bytes.endIndex, bytes[offset] == 0x0A {
          column += 1
          continue
        }
        line += 1
        column = 1
        lineStart = offset
        continue
      case 0x01..<0x80:
        offset += 1
        column += 1
        continue
      default:
        break
      }
      let length = Self.encodedLength(bytes, at: offset)
      guard length > 0 else {
        let hex = String(byte, radix: 16, uppercase: true)
        throw failure("the file is not valid UTF-8: unexpected byte 0x\(hex)", at: offset)
      }
      offset += length
      column += 1
    }
    self.init(
      source: String(decoding: bytes, as: UTF8.self), fileName: fileName, directory: directory)
  }

  /// The length of the well-formed UTF-8 sequence of 2 to 4 bytes at `offset`, or 0 if there
  /// is none (The Unicode Standard, table 3-7: no overlong forms, surrogates or values past
  /// U+10FFFF).
  private static func encodedLength(_ bytes: ArraySlice<UInt8>, at offset: Int) -> Int {
    let lead = bytes[offset]
    let (length, secondRange): (Int, ClosedRange<UInt8>) =
      switch lead {
      case 0xC2...0xDF: (2, 0x80...0xBF)
      case 0xE0: (3, 0xA0...0xBF)
      case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
      case 0xED: (3, 0x80...0x9F)
      case 0xF0: (4, 0x90...0xBF)
      case 0xF1...0xF3: (4, 0x80...0xBF)
      case 0xF4: (4, 0x80...0x8F)
      default: (0, 0...0)
      }
    guard length > 0, offset + length <= bytes.endIndex, secondRange.contains(bytes[offset + 1])
    else { return 0 }
    for next in (offset + 2)..<(offset + length) where bytes[next] & 0xC0 != 0x80 {
      return 0
    }
    return length
  }
}
