/// A gradviz script: micrograd-style Python source and the name to show in diagnostics.
///
/// ```swift
/// let script = Script(source: "a = Value(2.0)\nb = a * a\n", fileName: "<-e>")
/// let run = try Interpreter.run(script) { print($0) }
/// ```
public struct Script: Sendable {
  /// The name shown in diagnostics: `<stdin>`, `<-e>`, or the path as the user gave it.
  public let fileName: String
  /// The script's text.
  public let source: String

  /// Creates a script from text.
  ///
  /// - Parameters:
  ///   - source: the script's text. A NUL character in it is reported when the script runs.
  ///   - fileName: the name shown in diagnostics.
  public init(source: String, fileName: String) {
    self.source = source
    self.fileName = fileName
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
  public init(bytes: [UInt8], fileName: String) throws(ScriptError) {
    var bytes = bytes[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = bytes.startIndex
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
    decoding: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        if encoded.count == 1 {
          switch encoded.first {
          case 0x00:
            throw failure("the file contains a null byte", at: offset)
          case 0x0A:
            line += 1
            column = 1
            lineStart = offset + 1
          case 0x0D:
            if offset + 1 >= bytes.endIndex || bytes[offset + 1] != 0x0A {
              line += 1
              column = 1
              lineStart = offset + 1
            } else {
              column += 1
            }
          default:
            column += 1
          }
        } else {
          column += 1
        }
        offset += encoded.count
      case .error:
        let byte = String(bytes[offset], radix: 16, uppercase: true)
        throw failure(
          "the file is not valid UTF-8: unexpected byte 0x\(byte.count < 2 ? "0" : "")\(byte)",
          at: offset)
      case .emptyInput:
        break decoding
      }
    }
    self.init(source: String(decoding: bytes, as: UTF8.self), fileName: fileName)
  }
}
