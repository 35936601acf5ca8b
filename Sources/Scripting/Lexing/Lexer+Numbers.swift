/// Number literals: decimal, hexadecimal, octal and binary integers with `_` separators, and
/// floats with a fraction or an exponent, as Python writes them.
extension Lexer {
  func isDigit(_ offset: Int, radix: Int = 10) -> Bool {
    guard offset < end else { return false }
    let value = scalars[offset].value
    switch value {
    case 0x30...0x39: return Int(value - 0x30) < radix
    case 0x61...0x66: return Int(value - 0x61) + 10 < radix
    case 0x41...0x46: return Int(value - 0x41) + 10 < radix
    default: return false
    }
  }

  /// Skips digits in `radix`, with single underscores between digits.
  private mutating func skipDigits(radix: Int = 10) {
    while position < end {
      if isDigit(position, radix: radix) {
        position += 1
      } else if scalars[position] == "_", isDigit(position + 1, radix: radix),
        position > 0, isDigit(position - 1, radix: radix)
      {
        position += 1
      } else {
        return
      }
    }
  }

  mutating func lexNumber() throws(Failure) {
    let start = position
    var isFloat = false
    var radix = 10
    if scalars[position] == "0", let prefixRadix = radixPrefix(peek(position + 1)) {
      radix = prefixRadix
      position += 2
      if position < end, scalars[position] == "_" { position += 1 }
      let digitsStart = position
      skipDigits(radix: radix)
      if position == digitsStart { throw invalidLiteral(from: start, radix: radix) }
    } else {
      skipDigits()
      if position < end, scalars[position] == "." {
        isFloat = true
        position += 1
        if isDigit(position) { skipDigits() }
      }
      if position < end, scalars[position] == "e" || scalars[position] == "E" {
        var next = position + 1
        if next < end, scalars[next] == "+" || scalars[next] == "-" { next += 1 }
        if isDigit(next) {
          isFloat = true
          position = next
          skipDigits()
        }
      }
    }
    if position < end, Self.isIdentifierContinue(source.decode(at: position).scalar) {
      if scalars[position] == "j" || scalars[position] == "J" {
        let span = SourceSpan(start: start, end: position + 1)
        position += 1
        throw Failure(error: source.error("complex numbers are not supported", at: span))
      }
      throw invalidLiteral(from: start, radix: radix)
    }
    let span = SourceSpan(start: start, end: position)
    if !isFloat, radix == 10, let value = decimalValue(span) {
      emit(Token(kind: .integer(value), span: span))
      return
    }
    if isFloat, let value = fastFloatValue(span) {
      emit(Token(kind: .float(value), span: span))
      return
    }
    var text = source.text(of: span)
    if text.utf8.contains(UInt8(ascii: "_")) { text = text.filter { $0 != "_" } }
    if isFloat {
      guard let value = Double(text) else { throw invalidLiteral(from: start, radix: radix) }
      emit(Token(kind: .float(value), span: span))
      return
    }
    if radix != 10 {
      text.removeFirst(2)
    } else if text.count > 1, text.first == "0", text.contains(where: { $0 != "0" }) {
      throw Failure(
        error: source.error(
          "leading zeros in decimal integer literals are not permitted", at: span,
          notes: ["write \(text.drop { $0 == "0" }), or 0o\(text.drop { $0 == "0" }) for octal"]))
    }
    guard let value = Int(text, radix: radix) else {
      throw Failure(
        error: source.error(
          "integer literal is too large for 64 bits", at: span,
          notes: ["gradviz integers are 64-bit; write a float instead, such as \(text).0"]))
    }
    emit(Token(kind: .integer(value), span: span))
  }

  /// The radix a prefix letter after `0` gives: `x` 16, `o` 8, `b` 2.
  private func radixPrefix(_ letter: Unicode.Scalar?) -> Int? {
    switch letter {
    case "x", "X": 16
    case "o", "O": 8
    case "b", "B": 2
    default: nil
    }
  }

  /// The value of a decimal integer literal without leading zeros, or `nil` if it has them
  /// or does not fit in 64 bits (the slow path reports those).
  private func decimalValue(_ span: SourceSpan) -> Int? {
    guard scalars[span.start] != "0" || span.end - span.start == 1 else { return nil }
    var value = 0
    for offset in span.start..<span.end where scalars[offset] != "_" {
      let digit = Int(scalars[offset].value) - 0x30
      let (times, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflowAgain) = times.addingReportingOverflow(digit)
      if overflow || overflowAgain { return nil }
      value = sum
    }
    return value
  }

  /// The value of a decimal float literal by Clinger's fast path, or `nil` when it does not
  /// apply: with at most 15 significant digits (an exact integer `m`) and a decimal exponent
  /// `k` with |k| ≤ 22 (an exact power of ten), `m × 10^k` or `m / 10^-k` is one correctly
  /// rounded operation, so the result is the nearest double, as `strtod` gives. (W. D.
  /// Clinger, "How to read floating point numbers accurately", PLDI 1990.)
  private func fastFloatValue(_ span: SourceSpan) -> Double? {
    var mantissa: UInt64 = 0
    var digits = 0
    var fractionDigits = 0
    var inFraction = false
    var offset = span.start
    while offset < span.end {
      let scalar = scalars[offset]
      offset += 1
      switch scalar {
      case "0"..."9":
        if digits > 0 || scalar != "0" { digits += 1 }
        guard digits <= 15 else { return nil }
        mantissa = mantissa * 10 + UInt64(scalar.value - 0x30)
        if inFraction { fractionDigits += 1 }
      case ".":
        inFraction = true
      case "_":
        continue
      case "e", "E":
        var exponent = 0
        var negative = false
        if offset < span.end, scalars[offset] == "+" || scalars[offset] == "-" {
          negative = scalars[offset] == "-"
          offset += 1
        }
        while offset < span.end {
          if scalars[offset] != "_" {
            exponent = exponent * 10 + Int(scalars[offset].value - 0x30)
            if exponent > 400 { return nil }
          }
          offset += 1
        }
        return Self.scale(mantissa, by: (negative ? -exponent : exponent) - fractionDigits)
      default:
        return nil
      }
    }
    return Self.scale(mantissa, by: -fractionDigits)
  }

  private static let powersOfTen: [Double] = (0...22).map { exponent in
    (0..<exponent).reduce(1.0) { product, _ in product * 10 }
  }

  /// `mantissa × 10^exponent` when both are exact doubles, else `nil`.
  private static func scale(_ mantissa: UInt64, by exponent: Int) -> Double? {
    guard exponent >= -22, exponent <= 22 else { return mantissa == 0 ? 0 : nil }
    let value = Double(mantissa)
    return exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
  }

  /// The error for a malformed literal; skips the rest of the word it is in.
  private mutating func invalidLiteral(from start: Int, radix: Int) -> Failure {
    let name = [16: "hexadecimal", 8: "octal", 2: "binary"][radix] ?? "decimal"
    let span = SourceSpan(start: start, end: position + 1)
    skipIdentifierContinue()
    return Failure(error: source.error("invalid \(name) literal", at: span))
  }
}
