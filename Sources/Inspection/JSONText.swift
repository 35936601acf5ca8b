import Foundation

/// How inspections write JSON, the same way as gradviz's graph export: keys sorted, numbers in
/// the shortest form that reads back exactly, NaN and infinities as the strings `"nan"`,
/// `"inf"` and `"-inf"` (JSON has no such numbers), and a gradient never computed as `null`.
package enum JSONText {
  /// The encoder with those settings.
  package static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
  }

  /// `value` as one line of JSON.
  ///
  /// - Throws: `EncodingError` if Foundation's encoder fails, which it does not for the plain
  ///   structs of numbers, strings and arrays that inspections encode.
  package static func line<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try encoder().encode(value), as: UTF8.self)
  }

  /// An object written with one element of its array `key` per line, the rest on the first
  /// line: `{"a":1,"rows":[` newline, one element per line, `]}` newline. `header` must
  /// encode to an object without `key`.
  ///
  /// - Throws: `EncodingError`, as ``line(_:)``.
  package static func object<H: Encodable, E: Encodable>(
    _ header: H, listing key: String, _ elements: [E]
  ) throws -> String {
    let encoder = encoder()
    var text = String(decoding: try encoder.encode(header), as: UTF8.self)
    text.removeLast()  // the closing brace
    if text.count > 1 { text += "," }
    text += "\"\(key)\":["
    for (index, element) in elements.enumerated() {
      text += "\n" + String(decoding: try encoder.encode(element), as: UTF8.self)
      if index < elements.count - 1 { text += "," }
    }
    return text + (elements.isEmpty ? "" : "\n") + "]}\n"
  }
}
