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
    var text = ""
    write(to: &text)
    return text
  }

  package func write(to text: inout String) {
    switch self {
    case .null: text += "null"
    case .bool(let b): text += b ? "true" : "false"
    case .int(let n): text += String(n)
    case .number(let x): Self.write(x, to: &text)
    case .string(let s): Self.write(s, to: &text)
    case .array(let elements):
      text += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { text += "," }
        element.write(to: &text)
      }
      text += "]"
    case .object(let members):
      text += "{"
      let sorted = members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
      for (index, (key, value)) in sorted.enumerated() {
        if index > 0 { text += "," }
        Self.write(key, to: &text)
        text += ":"
        value.write(to: &text)
      }
      text += "}"
    }
  }

  /// Swift's shortest round-trip text without a trailing `.0`: `2`, `-0`, `0.1`, `1e+16`.
  private static func write(_ x: Double, to text: inout String) {
    if x.isNaN { text += "\"nan\""; return }
    if x.isInfinite { text += x > 0 ? "\"inf\"" : "\"-inf\""; return }
    let description = x.description
    text += description.hasSuffix(".0") ? String(description.dropLast(2)) : description
  }

  /// A string literal: `"` and `\` escaped, control characters as `\n`, `\t`, `\u001f`...
  private static func write(_ s: String, to text: inout String) {
    text += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case "\u{8}": text += "\\b"
      case "\u{C}": text += "\\f"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: text.unicodeScalars.append(scalar)
      }
    }
    text += "\""
  }

  /// An object with one element of its array `key` per line, the other members on the first
  /// line, sorted: `{"a":1,"rows":[` newline, one element per line, `]}` newline. The array
  /// comes last whatever its key, so that a reader can take the header from the first line.
  package static func listing(_ header: [(String, JSON)], _ key: String, _ elements: [JSON]) -> String {
    var text = JSON.object(header).text
    text.removeLast()  // the closing brace
    if !header.isEmpty { text += "," }
    write(key, to: &text)
    text += ":["
    for (index, element) in elements.enumerated() {
      text += "\n"
      element.write(to: &text)
      if index < elements.count - 1 { text += "," }
    }
    return text + (elements.isEmpty ? "" : "\n") + "]}\n"
  }
}
