import Autograd

/// Text escaped for a field of a Graphviz `record` label, so that it renders as typed.
package enum RecordLabel {
  /// Whether a byte is printable ASCII that needs no escape anywhere in a field.
  private static func isPlain(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "<"),
      UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "&"):
      false
    default:
      byte > 0x20 && byte < 0x7F
    }
  }

  /// The most characters of a label that a picture draws; longer labels are drawn shortened,
  /// and the tables and JSON keep them whole. (Graphviz 2.42 cannot lay out a field of
  /// 16,384 characters without a space, and writes DOT text it cannot read back.)
  package static let drawnLength = 1_000

  /// `text` as a picture draws it: whole up to ``drawnLength`` characters, else its start
  /// and an ellipsis, ``drawnLength`` characters in all.
  ///
  /// - Complexity: O(n) in the length of `text`.
  package static func shortened(_ text: String) -> String {
    guard text.utf8.count > drawnLength, text.count > drawnLength else { return text }
    return String(text.prefix(drawnLength - 1)) + "…"
  }

  /// The no-break space, which Graphviz neither trims nor collapses.
  static let hardSpace: Unicode.Scalar = "\u{00A0}"

  /// Escapes `text` for one field of a record label (also valid as a plain label).
  ///
  /// ```
  /// { } | < > \   ->  \{ \} \| \< \> \\      (field syntax and escapes)
  /// &             ->  &amp;                   (Graphviz reads entities in labels)
  /// line break    ->  \n                      (\n, \r\n or \r)
  /// control char  ->  \\x01 (shown as `\x01`, as the terminal outputs show it)
  /// space         ->  U+00A0 at either end, next to another space or a line break
  /// ```
  /// Graphviz trims a field's leading and trailing spaces and collapses runs; the no-break
  /// space keeps them as typed while a single space between words stays a plain space, so the
  /// DOT text stays readable. Everything else, quotes and non-ASCII text included, is kept.
  ///
  /// - Parameter text: the text to show, such as a value's label.
  /// - Returns: the escaped field text; empty when `text` is empty.
  /// - Complexity: O(n) in the length of `text`.
  package static func escape(_ text: String) -> String {
    if text.utf8.allSatisfy(isPlain) { return text }
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(text.unicodeScalars.count)
    var previousWasCarriageReturn = false
    for scalar in text.unicodeScalars {
      defer { previousWasCarriageReturn = scalar == "\r" }
      switch scalar.value {
      case 0x0A where previousWasCarriageReturn: continue
      case 0x0A, 0x0D: scalars.append("\n")
      case 0x00..<0x20, 0x7F..<0xA0:
        scalars.append(contentsOf: PrintableText.escape(String(scalar)).unicodeScalars)
      default: scalars.append(scalar)
      }
    }

    func isBlankOrEnd(_ index: Int) -> Bool {
      !scalars.indices.contains(index) || scalars[index] == " " || scalars[index] == "\n"
    }

    var result = String.UnicodeScalarView()
    for (index, scalar) in scalars.enumerated() {
      switch scalar {
      case "\n":
        result.append(contentsOf: #"\n"#.unicodeScalars)
      case " ":
        let exact = !isBlankOrEnd(index - 1) && !isBlankOrEnd(index + 1)
        result.append(exact ? " " : hardSpace)
      case "{", "}", "|", "<", ">", "\\":
        result.append("\\")
        result.append(scalar)
      case "&":
        result.append(contentsOf: "&amp;".unicodeScalars)
      default:
        result.append(scalar)
      }
    }
    return String(result)
  }
}
