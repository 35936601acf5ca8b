/// A JSON value, written the way every gradviz export writes JSON: keys sorted, numbers in
/// the shortest form that reads back to the same `Double` (`2`, `0.1`, `1e-06`), NaN and
/// infinities as the strings `"nan"`, `"inf"` and `"-inf"` (JSON has no such numbers), and a
/// gradient never computed as `null`.
///
/// The text is byte for byte what Foundation's `JSONEncoder` writes with `.sortedKeys`,
/// `.withoutEscapingSlashes` and those strings for non-finite numbers (the tests hold it to
/// that), at a fraction of the cost: a table of 300,000 values is written in well under a
/// second instead of several.
package indirect enum JSON: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case array([JSON])
  /// Keys are written sorted, whatever their order here.
  case object([(String, JSON)])

  package static func == (lhs: JSON, rhs: JSON) -> Bool {
    lhs.text == rhs.text
  }

  /// `nil` as `null`.
  package static func number(_ x: Double?) -> JSON { x.map(JSON.number) ?? .null }
  package static func int(_ n: Int?) -> JSON { n.map(JSON.int) ?? .null }

  /// The value as compact JSON text, on one line.
  ///
  /// - Complexity: O(size of the text), plus sorting each object's keys.
  package var text: String {
    var bytes: [UInt8] = []
    write(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the value's UTF-8 text to `bytes`.
  package func write(to bytes: inout [UInt8]) {
    switch self {
    case .null: bytes += "null".utf8
    case .bool(let b): bytes += (b ? "true" : "false").utf8
    case .int(let n): bytes += String(n).utf8
    case .number(let x): Self.write(x, to: &bytes)
    case .string(let s): Self.write(s, to: &bytes)
    case .array(let elements):
      bytes.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        element.write(to: &bytes)
      }
      bytes.append(UInt8(ascii: "]"))
    case .object(let members):
      bytes.append(UInt8(ascii: "{"))
      let inOrder = zip(members, members.dropFirst()).allSatisfy { Self.precedes($0.0, $1.0) }
      for (index, (key, value))
        in (inOrder ? members : members.sorted { Self.precedes($0.0, $1.0) })
        .enumerated()
      {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        Self.write(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        value.write(to: &bytes)
      }
      bytes.append(UInt8(ascii: "}"))
    }
  }

  private static func precedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }

  /// Swift's shortest round-trip text without a trailing `.0`: `2`, `-0`, `0.1`, `1e+16`.
  private static func write(_ x: Double, to bytes: inout [UInt8]) {
    if x.isNaN {
      bytes += "\"nan\"".utf8
    } else if x.isInfinite {
      bytes += (x > 0 ? "\"inf\"" : "\"-inf\"").utf8
    } else {
      let start = bytes.count
      bytes += x.description.utf8
      if bytes.count - start > 2, bytes[bytes.count - 2] == UInt8(ascii: "."),
        bytes[bytes.count - 1] == UInt8(ascii: "0")
      {
        bytes.removeLast(2)
      }
    }
  }

  /// A string literal: `"` and `\` escaped, control characters as `\n`, `\t`, `\u001f`...
  private static func write(_ s: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes += "\\\"".utf8
      case UInt8(ascii: "\\"): bytes += "\\\\".utf8
      case UInt8(ascii: "\n"): bytes += "\\n".utf8
      case UInt8(ascii: "\r"): bytes += "\\r".utf8
      case UInt8(ascii: "\t"): bytes += "\\t".utf8
      case 0x08: bytes += "\\b".utf8
      case 0x0C: bytes += "\\f".utf8
      case ..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes += "\\u00".utf8
        bytes.append(hex[Int(byte >> 4)])
        bytes.append(hex[Int(byte & 0xF)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// An object with one element of its array `key` per line, the other members on the first
  /// line, sorted: `{"a":1,"rows":[` newline, one element per line, `]}` newline. The array
  /// comes last whatever its key, so that a reader can take the header from the first line.
  ///
  /// `elements` is read once, in order, so a lazy sequence never holds them all at once.
  package static func listing(
    _ header: [(String, JSON)], _ key: String, _ elements: some Sequence<JSON>
  ) -> String {
    var bytes: [UInt8] = []
    JSON.object(header).write(to: &bytes)
    bytes.removeLast()  // the closing brace
    if !header.isEmpty { bytes.append(UInt8(ascii: ",")) }
    write(key, to: &bytes)
    bytes += ":[".utf8
    var empty = true
    for element in elements {
      bytes += (empty ? "\n" : ",\n").utf8
      element.write(to: &bytes)
      empty = false
    }
    bytes += (empty ? "]}\n" : "\n]}\n").utf8
    return String(decoding: bytes, as: UTF8.self)
  }
}
