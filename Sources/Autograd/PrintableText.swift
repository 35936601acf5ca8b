/// Text made safe for a terminal line: control characters shown as escapes.
package enum PrintableText {
  /// `text` with every control character written as an escape, so that a label can neither
  /// move the cursor, retitle or clear a terminal, nor break a table row.
  ///
  /// ```
  /// tab, line feed, carriage return   ->  \t \n \r
  /// other C0 controls, DEL            ->  \x01 ... \x1f, \x7f
  /// C1 controls (U+0080 ... U+009F)   ->  \x80 ... \x9f
  /// ```
  /// Everything else, backslashes and non-ASCII text included, is kept as it is.
  ///
  /// - Complexity: O(n) in the length of `text`; no copy when nothing needs escaping.
  package static func escape(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      guard isControl(scalar) else {
        result.append(scalar)
        continue
      }
      let escaped: String
      switch scalar {
      case "\t": escaped = #"\t"#
      case "\n": escaped = #"\n"#
      case "\r": escaped = #"\r"#
      default:
        let hex = String(scalar.value, radix: 16)
        escaped = #"\x"# + (hex.count < 2 ? "0" + hex : hex)
      }
      result.append(contentsOf: escaped.unicodeScalars)
    }
    return String(result)
  }

  /// Whether `scalar` is a C0 or C1 control character or DEL.
  package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }
}
