import Autograd
import Foundation

/// A format specification of Python's mini-language, as in `f'{x:.4f}'` or `format(x, '>8')`:
///
/// ```
/// [[fill]align][sign][#][0][width][,|_][.precision][type]
/// ```
/// Types `f F e E g G %` and none format numbers, `d b o x X` integers, `s` strings. The
/// rules follow the Python reference, "Format Specification Mini-Language".
struct FormatSpec {
  var fill: Character = " "
  /// `<`, `>`, `^` or `=`; `nil` for the type's default (right for numbers, left for text).
  var align: Character?
  /// `+`, `-` or a space.
  var sign: Character = "-"
  var alternate = false
  var width = 0
  /// `,` or `_` between groups of three digits.
  var grouping: Character?
  var precision: Int?
  var type: Character?

  /// Why a spec cannot be read or applied, as Python's `ValueError` says it.
  struct Failure: Error {
    var message: String
  }

  /// Reads `text`.
  ///
  /// - Throws: `Invalid format specifier` when `text` is not a format spec.
  init(_ text: String) throws(Failure) {
    var characters = Array(text)[...]
    func take(_ allowed: String) -> Character? {
      guard let first = characters.first, allowed.contains(first) else { return nil }
      characters.removeFirst()
      return first
    }
    if characters.count >= 2, "<>^=".contains(characters[characters.startIndex + 1]) {
      fill = characters.removeFirst()
      align = characters.removeFirst()
    } else if let alignment = take("<>^=") {
      align = alignment
    }
    if let character = take("+- ") { sign = character }
    if take("#") != nil { alternate = true }
    if take("0") != nil, align == nil {
      fill = "0"
      align = "="
    }
    var digits = ""
    while let digit = take("0123456789") { digits.append(digit) }
    if !digits.isEmpty {
      guard let value = Int(digits), value <= 10_000 else {
        throw Failure(message: "Too many decimal digits in format string")
      }
      width = value
    }
    grouping = take(",_")
    if take(".") != nil {
      digits = ""
      while let digit = take("0123456789") { digits.append(digit) }
      guard let value = Int(digits), value <= 1_000 else {
        throw Failure(
          message: digits.isEmpty ? "Format specifier missing precision" : "precision too big")
      }
      precision = value
    }
    type = take("bcdeEfFgGnosxX%")
    guard characters.isEmpty else {
      throw Failure(message: "Invalid format specifier '\(text)'")
    }
  }

  // MARK: - Applying

  /// `object` formatted by this spec, as Python's `format(object, spec)`.
  ///
  /// - Parameter text: the object's `str()`, used for objects that are not numbers or
  ///   strings, which only accept an empty spec.
  func apply(to object: Object, text: String) throws(Failure) -> String {
    switch object {
    case .bool(let value) where type == nil:
      return pad(value ? "True" : "False", numeric: false)
    case .int(let value):
      return try format(integer: value)
    case .bool(let value):
      return try format(integer: value ? 1 : 0)
    case .float(let value):
      return try format(float: value, typeName: "float")
    case .string(let value):
      return try format(string: value)
    default:
      guard isEmpty else {
        throw Failure(message: "unsupported format string passed to \(object.typeName).__format__")
      }
      return text
    }
  }

  /// Whether the spec is empty, which formats anything as its `str()`.
  private var isEmpty: Bool {
    align == nil && sign == "-" && !alternate && width == 0 && grouping == nil
      && precision == nil && type == nil
  }

  private func format(string: String) throws(Failure) -> String {
    guard type == nil || type == "s" else {
      throw Failure(message: "Unknown format code '\(type ?? "?")' for object of type 'str'")
    }
    guard sign == "-" else { throw Failure(message: "Sign not allowed in string format specifier") }
    var text = string
    if let precision { text = String(text.prefix(precision)) }
    return pad(text, numeric: false)
  }

  private func format(integer: Int) throws(Failure) -> String {
    switch type {
    case nil, "d", "n":
      guard precision == nil else {
        throw Failure(message: "Precision not allowed in integer format specifier")
      }
      return finish(digits: grouped(String(integer.magnitude)), negative: integer < 0)
    case "b", "o", "x", "X":
      let radix = type == "b" ? 2 : type == "o" ? 8 : 16
      var digits = String(integer.magnitude, radix: radix, uppercase: type == "X")
      if alternate { digits = "0" + String(type ?? "x") + digits }
      return finish(digits: digits, negative: integer < 0)
    case "c":
      guard let scalar = Unicode.Scalar(UInt32(clamping: max(0, integer))) else {
        throw Failure(message: "%c arg not in range(0x110000)")
      }
      return pad(String(Character(scalar)), numeric: false)
    default:
      return try format(float: Double(integer), typeName: "int")
    }
  }

  private func format(float value: Double, typeName: String) throws(Failure) -> String {
    let negative = value.sign == .minus && !value.isNaN
    let magnitude = abs(value)
    var digits: String
    switch type {
    case "f", "F":
      digits = fixed(magnitude, precision ?? 6)
    case "e", "E":
      digits = scientific(magnitude, precision ?? 6)
    case "g", "G":
      digits = general(magnitude, precision ?? 6, keepPoint: false)
    case "%":
      digits = fixed(magnitude * 100, precision ?? 6) + "%"
    case nil, "n":
      if let precision {
        digits = general(magnitude, precision, keepPoint: true)
      } else {
        digits = PythonFormat.float(magnitude)
      }
    default:
      throw Failure(
        message: "Unknown format code '\(type ?? "?")' for object of type '\(typeName)'")
    }
    if type == "E" || type == "G" || type == "F" { digits = digits.uppercased() }
    if !magnitude.isFinite || value.isNaN {
      return finish(digits: digits, negative: negative, finite: false)
    }
    return finish(digits: grouped(digits), negative: negative)
  }

  /// `x` in fixed notation with `precision` decimals, exactly rounded (C's `%.*f`).
  private func fixed(_ x: Double, _ precision: Int) -> String {
    if !x.isFinite { return x.isNaN ? "nan" : "inf" }
    var text = String(format: "%.\(precision)f", x)
    if alternate, precision == 0 { text += "." }
    return text
  }

  /// `x` in scientific notation with `precision` decimals: `1.234500e+03`.
  private func scientific(_ x: Double, _ precision: Int) -> String {
    if !x.isFinite { return x.isNaN ? "nan" : "inf" }
    var text = String(format: "%.\(precision)e", x)
    if alternate, precision == 0, let e = text.firstIndex(of: "e") { text.insert(".", at: e) }
    return text
  }

  /// Python's general format: `precision` significant digits, fixed or scientific by the
  /// exponent, trailing zeros removed (unless `#`). With `keepPoint` (the format with no
  /// type), a fixed result keeps at least one decimal, as `format(1.0, '.3')` gives `1.0`.
  private func general(_ x: Double, _ precision: Int, keepPoint: Bool) -> String {
    if !x.isFinite { return x.isNaN ? "nan" : "inf" }
    let p = max(precision, 1)
    let exponentText = String(format: "%.\(p - 1)e", x)
    let exponent =
      exponentText.split(separator: "e").last.flatMap { Int($0) } ?? 0
    var text: String
    if exponent >= -4, exponent < p {
      text = String(format: "%.\(max(0, p - 1 - exponent))f", x)
      if !alternate { text = Self.trimmingZeros(text) }
      if keepPoint, !text.contains(".") { text += ".0" }
    } else {
      text = exponentText
      if !alternate, let e = text.firstIndex(of: "e") {
        text = Self.trimmingZeros(String(text[..<e])) + String(text[e...])
      }
    }
    return text
  }

  private static func trimmingZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var text = text
    while text.last == "0" { text.removeLast() }
    if text.last == "." { text.removeLast() }
    return text
  }

  /// Inserts the grouping character between groups of three digits of the integer part.
  private func grouped(_ digits: String) -> String {
    guard let separator = grouping else { return digits }
    let integerEnd =
      digits.firstIndex { !$0.isNumber } ?? digits.endIndex
    let integerPart = Array(digits[..<integerEnd])
    var result = ""
    for (offset, digit) in integerPart.enumerated() {
      if offset > 0, (integerPart.count - offset) % 3 == 0 { result.append(separator) }
      result.append(digit)
    }
    return result + digits[integerEnd...]
  }

  /// Adds the sign and pads a formatted number.
  private func finish(digits: String, negative: Bool, finite: Bool = true) -> String {
    let signText = negative ? "-" : sign == "+" ? "+" : sign == " " ? " " : ""
    let count = signText.count + digits.count
    guard width > count else { return signText + digits }
    if (align ?? "=") == "=" && (align != nil) {
      let padding = String(repeating: finite ? fill : " ", count: width - count)
      return signText + padding + digits
    }
    return pad(signText + digits, numeric: true)
  }

  /// Pads `text` to the width with the fill character, by the alignment.
  private func pad(_ text: String, numeric: Bool) -> String {
    let missing = width - text.count
    guard missing > 0 else { return text }
    let fillText = { (count: Int) in String(repeating: fill, count: count) }
    switch align ?? (numeric ? ">" : "<") {
    case "<": return text + fillText(missing)
    case "^": return fillText(missing / 2) + text + fillText(missing - missing / 2)
    default: return fillText(missing) + text
    }
  }
}
