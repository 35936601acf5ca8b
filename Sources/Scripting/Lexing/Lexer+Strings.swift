/// String literals: single, double and triple quotes, raw strings, escapes, and f-strings.
extension Lexer {
  /// Lexes a string literal whose quote is at `position`; `start` is where its prefix began.
  mutating func lexString(start: Int, raw: Bool) throws(Failure) {
    let (quote, triple) = openQuote()
    var value = String.UnicodeScalarView()
    while true {
      guard position < end else { throw unterminatedString(from: start, triple: triple) }
      let scalar = scalars[position]
      switch scalar {
      case quote where isClosingQuote(quote, triple: triple):
        position += triple ? 3 : 1
        emit(string: String(value), span: SourceSpan(start: start, end: position))
        return
      case "\n", "\r":
        guard triple else { throw unterminatedString(from: start, triple: triple) }
        skipLineBreak()
        value.append("\n")
      case "\\":
        try lexBackslash(into: &value, raw: raw, stringStart: start, triple: triple)
      default:
        appendCharacter(to: &value)
      }
    }
  }

  /// Appends the character at `position` to `value` and moves past it.
  mutating func appendCharacter(to value: inout String.UnicodeScalarView) {
    let scalar = scalars[position]
    if scalar.isASCII {
      value.append(scalar)
      position += 1
    } else {
      let (decoded, length) = source.decode(at: position)
      value.append(decoded)
      position += length
    }
  }

  /// Moves past the opening quote (one or three) at `position`.
  private mutating func openQuote() -> (quote: Unicode.Scalar, triple: Bool) {
    let quote = scalars[position]
    let triple =
      position + 2 < end && scalars[position + 1] == quote && scalars[position + 2] == quote
    position += triple ? 3 : 1
    return (quote, triple)
  }

  /// Whether the `quote` at `position` closes the string.
  private func isClosingQuote(_ quote: Unicode.Scalar, triple: Bool) -> Bool {
    !triple
      || (position + 2 < end && scalars[position + 1] == quote && scalars[position + 2] == quote)
  }

  private func unterminatedString(from start: Int, triple: Bool) -> Failure {
    let message =
      triple ? "unterminated triple-quoted string literal" : "unterminated string literal"
    return Failure(
      error: source.error(message, at: SourceSpan(start: start, end: end)), skipLine: true)
  }

  /// A backslash in a string: kept as it is in a raw string, else an escape sequence.
  private mutating func lexBackslash(
    into value: inout String.UnicodeScalarView, raw: Bool, stringStart: Int, triple: Bool
  ) throws(Failure) {
    guard raw else {
      return try lexEscape(into: &value, stringStart: stringStart, triple: triple)
    }
    value.append("\\")
    position += 1
    if position < end, scalars[position] != "\n", scalars[position] != "\r" {
      appendCharacter(to: &value)
    }
  }

  private static let simpleEscapes: [Unicode.Scalar: Unicode.Scalar] = [
    "\\": "\\", "'": "'", "\"": "\"", "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}",
    "n": "\n", "r": "\r", "t": "\t", "v": "\u{0B}",
  ]

  /// Lexes an escape sequence whose backslash is at `position`.
  private mutating func lexEscape(
    into value: inout String.UnicodeScalarView, stringStart: Int, triple: Bool
  ) throws(Failure) {
    let start = position
    position += 1
    guard position < end else {
      throw unterminatedString(from: stringStart, triple: triple)
    }
    let (scalar, length) = source.decode(at: position)
    position += length
    if let escaped = Self.simpleEscapes[scalar] {
      value.append(escaped)
      return
    }
    switch scalar {
    case "\n":
      return
    case "\r":
      if position < end, scalars[position] == "\n" { position += 1 }
    case "0"..."7":
      var code = Int(scalar.value - 48)
      var count = 1
      while count < 3, isDigit(position, radix: 8) {
        code = code * 8 + Int(scalars[position].value - 48)
        position += 1
        count += 1
      }
      value.append(Unicode.Scalar(UInt32(code)) ?? "\u{FFFD}")
    case "x", "u", "U":
      let count = scalar == "x" ? 2 : scalar == "u" ? 4 : 8
      var code: UInt32 = 0
      for _ in 0..<count {
        guard isDigit(position, radix: 16), let digit = UInt32(String(scalars[position]), radix: 16)
        else {
          throw Failure(
            error: source.error(
              "invalid escape '\\\(scalar)': expected \(count) hexadecimal digits",
              at: SourceSpan(start: start, end: position)), skipLine: true)
        }
        code = code &* 16 &+ digit
        position += 1
      }
      guard let decoded = Unicode.Scalar(code) else {
        throw Failure(
          error: source.error(
            "invalid escape: \\\(scalar)\(String(code, radix: 16)) is not a Unicode character",
            at: SourceSpan(start: start, end: position)), skipLine: true)
      }
      value.append(decoded)
    case "N":
      throw Failure(
        error: source.error(
          "\\N{...} escapes are not supported", at: SourceSpan(start: start, end: position)),
        skipLine: true)
    default:
      value.append("\\")
      value.append(scalar)
    }
  }

  // MARK: - f-strings

  /// Lexes an f-string whose quote is at `position`; `start` is where its prefix began.
  ///
  /// Literal text keeps its escapes and `{{`/`}}` become braces; each replacement field's
  /// expression is left in place for the parser, with its `!conversion` and `:spec`.
  mutating func lexFormatString(start: Int, raw: Bool) throws(Failure) {
    let (quote, triple) = openQuote()
    var segments: [FormatSegment] = []
    var literal = String.UnicodeScalarView()
    func flush() {
      if !literal.isEmpty { segments.append(.literal(String(literal))) }
      literal = String.UnicodeScalarView()
    }
    while true {
      guard position < end else { throw unterminatedString(from: start, triple: triple) }
      let scalar = scalars[position]
      switch scalar {
      case quote where isClosingQuote(quote, triple: triple):
        position += triple ? 3 : 1
        flush()
        emit(formatString: segments, span: SourceSpan(start: start, end: position))
        return
      case "\n", "\r":
        guard triple else { throw unterminatedString(from: start, triple: triple) }
        skipLineBreak()
        literal.append("\n")
      case "\\":
        try lexBackslash(into: &literal, raw: raw, stringStart: start, triple: triple)
      case "{" where peek(position + 1) == "{":
        literal.append("{")
        position += 2
      case "}" where peek(position + 1) == "}":
        literal.append("}")
        position += 2
      case "}":
        throw Failure(
          error: source.error(
            "f-string: single '}' is not allowed",
            at: SourceSpan(start: position, end: position + 1),
            notes: ["write '}}' for a literal brace"]), skipLine: true)
      case "{":
        flush()
        segments.append(try lexReplacementField(quote: quote, triple: triple, stringStart: start))
      default:
        appendCharacter(to: &literal)
      }
    }
  }

  /// Lexes `{expression[=][!conversion][:spec]}` whose `{` is at `position`.
  private mutating func lexReplacementField(
    quote: Unicode.Scalar, triple: Bool, stringStart: Int
  ) throws(Failure) -> FormatSegment {
    let open = position
    position += 1
    let expressionStart = position
    var depth = 0
    var expressionEnd: Int?
    var conversion: Unicode.Scalar?
    var selfDocumenting: String?
    func missingBrace() -> Failure {
      Failure(
        error: source.error(
          "f-string: expecting '}'", at: SourceSpan(start: open, end: open + 1)),
        skipLine: true)
    }
    scanning: while true {
      guard position < end else { throw missingBrace() }
      let scalar = scalars[position]
      switch scalar {
      case quote where !triple || isClosingQuote(quote, triple: triple):
        throw missingBrace()
      case "\n" where !triple, "\r" where !triple:
        throw missingBrace()
      case "'", "\"":
        try skipNestedString(quote: scalar)
        continue scanning
      case "(", "[", "{":
        depth += 1
      case ")", "]":
        depth = max(0, depth - 1)
      case "}":
        if depth == 0 { break scanning }
        depth -= 1
      case "!" where depth == 0 && peek(position + 1) != "=":
        expressionEnd = expressionEnd ?? position
        guard let letter = peek(position + 1), ["r", "s", "a"].contains(letter) else {
          throw Failure(
            error: source.error(
              "f-string: invalid conversion character: expected 's', 'r', or 'a'",
              at: SourceSpan(start: position, end: position + 2)), skipLine: true)
        }
        conversion = letter
        position += 2
        guard let next = peek(position), next == ":" || next == "}" else {
          throw missingBrace()
        }
        continue scanning
      case ":" where depth == 0:
        expressionEnd = expressionEnd ?? position
        break scanning
      case "=" where depth == 0:
        let previous = position > expressionStart ? scalars[position - 1] : " "
        var after = position + 1
        while let blank = peek(after), blank == " " { after += 1 }
        let next = peek(after)
        let isOperator = "=!<>".unicodeScalars.contains(previous) || next == "="
        if !isOperator, next == "}" || next == "!" || next == ":" {
          expressionEnd = position
          selfDocumenting = source.text(of: SourceSpan(start: expressionStart, end: after))
          position = after
          continue scanning
        }
      default:
        break
      }
      position += 1
    }
    let expression = SourceSpan(start: expressionStart, end: expressionEnd ?? position)
    if source.text(of: expression).allSatisfy(\.isWhitespace) {
      throw Failure(
        error: source.error(
          "f-string: empty expression not allowed", at: SourceSpan(start: open, end: position + 1)),
        skipLine: true)
    }
    var spec = String.UnicodeScalarView()
    if scalars[position] == ":" {
      position += 1
      while true {
        guard position < end, scalars[position] != quote || triple, scalars[position] != "\n"
        else { throw missingBrace() }
        if scalars[position] == "}" { break }
        if scalars[position] == "{" {
          throw Failure(
            error: source.error(
              "f-string: nested replacement fields in a format spec are not supported",
              at: SourceSpan(start: position, end: position + 1)), skipLine: true)
        }
        appendCharacter(to: &spec)
      }
    }
    position += 1
    return .field(
      expression: expression, conversion: conversion, spec: String(spec),
      selfDocumenting: selfDocumenting)
  }

  /// Skips a string literal inside a replacement field, whose quote is at `position`.
  private mutating func skipNestedString(quote: Unicode.Scalar) throws(Failure) {
    let start = position
    position += 1
    while position < end, scalars[position] != quote {
      if scalars[position] == "\n" || scalars[position] == "\r" { break }
      if scalars[position] == "\\" { position += 1 }
      position += 1
    }
    guard position < end, scalars[position] == quote else {
      throw unterminatedString(from: start, triple: false)
    }
    position += 1
  }
}
