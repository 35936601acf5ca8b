/// A JSON writer for the page's data: compact, in the order written, and safe inside an HTML
/// `<script>` element (`<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`).
struct JSONText {
  private(set) var text = ""
  /// Whether the next item in the current object or array needs a comma before it.
  private var needsComma = false

  private mutating func item() {
    if needsComma { text += "," }
    needsComma = true
  }

  mutating func open() {
    item()
    text += "{"
    needsComma = false
  }

  mutating func close() {
    text += "}"
    needsComma = true
  }

  mutating func openArray() {
    item()
    text += "["
    needsComma = false
  }

  mutating func closeArray() {
    text += "]"
    needsComma = true
  }

  /// An object's key; the next item is its value.
  mutating func key(_ name: String) {
    string(name)
    text += ":"
    needsComma = false
  }

  /// A literal: a number, `true`, `null`.
  mutating func raw(_ literal: String) {
    item()
    text += literal
  }

  mutating func string(_ value: String) {
    item()
    text += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case "<": text += "\\u003c"
      case ">": text += "\\u003e"
      case "&": text += "\\u0026"
      case "\u{2028}": text += "\\u2028"
      case "\u{2029}": text += "\\u2029"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    text += "\""
  }

  /// An array of `elements`, each written by `body`.
  mutating func array<S: Sequence>(_ elements: S, _ body: (inout JSONText, S.Element) -> Void) {
    openArray()
    for element in elements { body(&self, element) }
    closeArray()
  }
}
