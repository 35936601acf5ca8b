/// Turns a script's text into tokens, as Python's tokenizer does.
///
/// Besides names, numbers, strings and punctuation, it produces the layout tokens that make
/// blocks: `newline` at the end of each logical line, `indent` when a line is indented more
/// than the one before, and one `dedent` for each block a line closes. Blank lines and
/// comment-only lines produce nothing; line breaks inside brackets and after a backslash join
/// lines. Tabs advance indentation to the next multiple of 8, as in Python.
///
/// The lexer is a loop over the text with no recursion.
struct Lexer {
  private let source: SourceText
  private let scalars: [Unicode.Scalar]
  private var position = 0
  private var tokens: [Token] = []
  /// The widths of the open indented blocks; the first is the top level, 0.
  private var indents: [Int] = [0]
  private var bracketDepth = 0

  private init(source: SourceText) {
    self.source = source
    self.scalars = source.scalars
  }

  /// The tokens of `source`, ending with `newline` (unless empty), the `dedent`s that close
  /// open blocks, and `endOfFile`.
  ///
  /// - Throws: a ``ScriptError`` for a character that cannot start a token, an unterminated
  ///   string, a malformed number, or an unindent that matches no outer block.
  /// - Complexity: O(n) in the length of the text.
  static func tokenize(_ source: SourceText) throws -> [Token] {
    var lexer = Lexer(source: source)
    return try lexer.run()
  }

  private mutating func run() throws -> [Token] {
    if scalars.first == "\u{FEFF}" { position = 1 }
    var atLineStart = true
    while true {
      if atLineStart {
        atLineStart = false
        if bracketDepth == 0 {
          let lineStart = position
          let width = skipIndentation()
          guard position < scalars.count else { break }
          let next = scalars[position]
          if next == "#" { skipComment() }
          if position >= scalars.count { break }
          if scalars[position] == "\n" || scalars[position] == "\r" {
            skipLineBreak()
            atLineStart = true
            continue
          }
          try indent(to: width, span: SourceSpan(start: lineStart, end: position))
        }
      }
      guard position < scalars.count else { break }
      let scalar = scalars[position]
      switch scalar {
      case " ", "\t", "\u{0C}":
        position += 1
      case "#":
        skipComment()
      case "\n", "\r":
        let start = position
        skipLineBreak()
        if bracketDepth == 0 {
          tokens.append(Token(kind: .newline, span: SourceSpan(start: start, end: start + 1)))
        }
        atLineStart = true
      case "\\":
        let next = position + 1 < scalars.count ? scalars[position + 1] : "\n"
        guard next == "\n" || next == "\r" else {
          throw source.error(
            "unexpected character after line continuation character",
            at: SourceSpan(start: position + 1, end: position + 2))
        }
        position += 1
        skipLineBreak()
      case "'", "\"":
        try lexString(start: position, raw: false)
      case "0"..."9":
        try lexNumber()
      case "." where position + 1 < scalars.count && ("0"..."9").contains(scalars[position + 1]):
        try lexNumber()
      default:
        if Self.isIdentifierStart(scalar) {
          try lexName()
        } else if let punctuation = matchPunctuation() {
          let start = position
          position += punctuation.rawValue.unicodeScalars.count
          switch punctuation {
          case .leftParen, .leftBracket, .leftBrace: bracketDepth += 1
          case .rightParen, .rightBracket, .rightBrace: bracketDepth = max(0, bracketDepth - 1)
          default: break
          }
          tokens.append(
            Token(kind: .punctuation(punctuation), span: SourceSpan(start: start, end: position)))
        } else {
          throw unexpectedCharacter()
        }
      }
    }
    if let last = tokens.last, last.kind != .newline, bracketDepth == 0 {
      tokens.append(Token(kind: .newline, span: SourceSpan(at: scalars.count)))
    }
    while indents.count > 1 {
      indents.removeLast()
      tokens.append(Token(kind: .dedent, span: SourceSpan(at: scalars.count)))
    }
    tokens.append(Token(kind: .endOfFile, span: SourceSpan(at: scalars.count)))
    return tokens
  }

  // MARK: - Layout

  /// Skips spaces, tabs and form feeds at the start of a line and returns the indentation
  /// width.
  private mutating func skipIndentation() -> Int {
    var width = 0
    while position < scalars.count {
      switch scalars[position] {
      case " ": width += 1
      case "\t": width = (width / 8 + 1) * 8
      case "\u{0C}": width = 0
      default: return width
      }
      position += 1
    }
    return width
  }

  /// Skips a comment up to (not including) the line break.
  private mutating func skipComment() {
    while position < scalars.count, scalars[position] != "\n", scalars[position] != "\r" {
      position += 1
    }
  }

  /// Skips one line break: `\n`, `\r\n` or `\r`.
  private mutating func skipLineBreak() {
    guard position < scalars.count else { return }
    if scalars[position] == "\r", position + 1 < scalars.count, scalars[position + 1] == "\n" {
      position += 1
    }
    position += 1
  }

  /// Emits `indent` or `dedent`s for a line of code whose indentation is `width`.
  private mutating func indent(to width: Int, span: SourceSpan) throws {
    let current = indents.last ?? 0
    if width > current {
      indents.append(width)
      tokens.append(Token(kind: .indent, span: span))
      return
    }
    while width < indents.last ?? 0 {
      indents.removeLast()
      tokens.append(Token(kind: .dedent, span: SourceSpan(at: span.end)))
    }
    if width != indents.last ?? 0 {
      throw source.error(
        "unindent does not match any outer indentation level",
        at: span.start == span.end ? span : SourceSpan(start: span.end - 1, end: span.end))
    }
  }

  // MARK: - Names

  static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "_": true
    default: scalar.value > 0x7F && scalar.properties.isXIDStart
    }
  }

  static func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "_", "0"..."9": true
    default: scalar.value > 0x7F && scalar.properties.isXIDContinue
    }
  }

  private mutating func lexName() throws {
    let start = position
    position += 1
    while position < scalars.count, Self.isIdentifierContinue(scalars[position]) {
      position += 1
    }
    let span = SourceSpan(start: start, end: position)
    let text = source.text(of: span)
    if position < scalars.count, scalars[position] == "'" || scalars[position] == "\"" {
      switch text.lowercased() {
      case "r":
        return try lexString(start: start, raw: true)
      case "u":
        return try lexString(start: start, raw: false)
      case "f", "rf", "fr":
        throw source.error(
          "f-strings are not supported yet", at: SourceSpan(start: start, end: position + 1))
      case "b", "br", "rb":
        throw source.error(
          "bytes literals are not supported", at: SourceSpan(start: start, end: position + 1))
      default:
        break
      }
    }
    if let keyword = Keyword(rawValue: text) {
      tokens.append(Token(kind: .keyword(keyword), span: span))
    } else {
      tokens.append(Token(kind: .name(text), span: span))
    }
  }

  // MARK: - Punctuation and stray characters

  private func matchPunctuation() -> Punctuation? {
    candidates: for punctuation in Punctuation.longestFirst {
      var index = position
      for scalar in punctuation.rawValue.unicodeScalars {
        guard index < scalars.count, scalars[index] == scalar else { continue candidates }
        index += 1
      }
      return punctuation
    }
    return nil
  }

  /// Full-width punctuation that Chinese input methods type, and the ASCII meant.
  private static let fullWidth: [Unicode.Scalar: String] = [
    "（": "(", "）": ")", "，": ",", "：": ":", "；": ";", "＝": "=", "＋": "+", "－": "-",
    "＊": "*", "／": "/", "。": ".", "．": ".", "‘": "'", "’": "'", "“": "\"", "”": "\"",
    "　": " ", "［": "[", "］": "]", "＃": "#",
  ]

  private func unexpectedCharacter() -> ScriptError {
    let scalar = scalars[position]
    let span = SourceSpan(start: position, end: position + 1)
    let code =
      "U+" + String(repeating: "0", count: max(0, 4 - String(scalar.value, radix: 16).count))
      + String(scalar.value, radix: 16, uppercase: true)
    if scalar == "\0" {
      return source.error("the script contains a null character (U+0000)", at: span)
    }
    if let ascii = Self.fullWidth[scalar] {
      return source.error(
        "unexpected character '\(scalar)' (\(code))", at: span,
        notes: ["did you mean the ASCII '\(ascii)'?"])
    }
    let invisible =
      scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
      || scalar.properties.isWhitespace
    if invisible {
      return source.error("unexpected invisible character \(code)", at: span)
    }
    if scalar.isASCII {
      let notes = scalar == "^" ? ["use ** for powers, as in x**2"] : []
      return source.error("unexpected character '\(scalar)'", at: span, notes: notes)
    }
    return source.error("unexpected character '\(scalar)' (\(code))", at: span)
  }

  // MARK: - Numbers

  private func isDigit(_ offset: Int, radix: Int = 10) -> Bool {
    guard offset < scalars.count else { return false }
    return Int(String(scalars[offset]), radix: radix) != nil
  }

  /// Skips digits in `radix`, with single underscores between digits.
  private mutating func skipDigits(radix: Int = 10) throws {
    while position < scalars.count {
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

  private mutating func lexNumber() throws {
    let start = position
    var isFloat = false
    var radix = 10
    if scalars[position] == "0", position + 1 < scalars.count,
      let prefixRadix = ["x": 16, "X": 16, "o": 8, "O": 8, "b": 2, "B": 2][scalars[position + 1]]
    {
      radix = prefixRadix
      position += 2
      if position < scalars.count, scalars[position] == "_" { position += 1 }
      let digitsStart = position
      try skipDigits(radix: radix)
      if position == digitsStart { throw invalidLiteral(from: start, radix: radix) }
    } else {
      try skipDigits()
      if position < scalars.count, scalars[position] == "." {
        isFloat = true
        position += 1
        if isDigit(position) { try skipDigits() }
      }
      if position < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
        var next = position + 1
        if next < scalars.count, scalars[next] == "+" || scalars[next] == "-" { next += 1 }
        if isDigit(next) {
          isFloat = true
          position = next
          try skipDigits()
        }
      }
    }
    if position < scalars.count, Self.isIdentifierContinue(scalars[position]) {
      if scalars[position] == "j" || scalars[position] == "J" {
        throw source.error(
          "complex numbers are not supported", at: SourceSpan(start: start, end: position + 1))
      }
      throw invalidLiteral(from: start, radix: radix)
    }
    let span = SourceSpan(start: start, end: position)
    var text = source.text(of: span).filter { $0 != "_" }
    if isFloat {
      guard let value = Double(text) else { throw invalidLiteral(from: start, radix: radix) }
      tokens.append(Token(kind: .float(value), span: span))
      return
    }
    if radix != 10 {
      text.removeFirst(2)
    } else if text.count > 1, text.first == "0", text.contains(where: { $0 != "0" }) {
      throw source.error(
        "leading zeros in decimal integer literals are not permitted", at: span,
        notes: ["write \(text.drop { $0 == "0" }), or 0o\(text.drop { $0 == "0" }) for octal"])
    }
    guard let value = Int(text, radix: radix) else {
      throw source.error(
        "integer literal is too large for 64 bits", at: span,
        notes: ["gradviz integers are 64-bit; write a float instead, such as \(text).0"])
    }
    tokens.append(Token(kind: .integer(value), span: span))
  }

  private func invalidLiteral(from start: Int, radix: Int) -> ScriptError {
    let name = [16: "hexadecimal", 8: "octal", 2: "binary"][radix] ?? "decimal"
    return source.error(
      "invalid \(name) literal", at: SourceSpan(start: start, end: position + 1))
  }

  // MARK: - Strings

  /// Lexes a string literal whose quote is at `position`; `start` is where its prefix began.
  private mutating func lexString(start: Int, raw: Bool) throws {
    let quote = scalars[position]
    let triple =
      position + 2 < scalars.count && scalars[position + 1] == quote
      && scalars[position + 2] == quote
    position += triple ? 3 : 1
    var value = String.UnicodeScalarView()
    while true {
      guard position < scalars.count else { throw unterminatedString(from: start, triple: triple) }
      let scalar = scalars[position]
      switch scalar {
      case quote:
        if !triple {
          position += 1
          tokens.append(
            Token(kind: .string(String(value)), span: SourceSpan(start: start, end: position)))
          return
        }
        if position + 2 < scalars.count, scalars[position + 1] == quote,
          scalars[position + 2] == quote
        {
          position += 3
          tokens.append(
            Token(kind: .string(String(value)), span: SourceSpan(start: start, end: position)))
          return
        }
        value.append(scalar)
        position += 1
      case "\n", "\r":
        guard triple else { throw unterminatedString(from: start, triple: triple) }
        skipLineBreak()
        value.append("\n")
      case "\\":
        if raw {
          value.append(scalar)
          position += 1
          if position < scalars.count, scalars[position] != "\n", scalars[position] != "\r" {
            value.append(scalars[position])
            position += 1
          }
        } else {
          try lexEscape(into: &value, stringStart: start, triple: triple)
        }
      default:
        value.append(scalar)
        position += 1
      }
    }
  }

  private func unterminatedString(from start: Int, triple: Bool) -> ScriptError {
    source.error(
      triple ? "unterminated triple-quoted string literal" : "unterminated string literal",
      at: SourceSpan(start: start, end: scalars.count))
  }

  private static let simpleEscapes: [Unicode.Scalar: Unicode.Scalar] = [
    "\\": "\\", "'": "'", "\"": "\"", "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}",
    "n": "\n", "r": "\r", "t": "\t", "v": "\u{0B}",
  ]

  /// Lexes an escape sequence whose backslash is at `position`.
  private mutating func lexEscape(
    into value: inout String.UnicodeScalarView, stringStart: Int, triple: Bool
  ) throws {
    let start = position
    position += 1
    guard position < scalars.count else {
      throw unterminatedString(from: stringStart, triple: triple)
    }
    let scalar = scalars[position]
    position += 1
    if let escaped = Self.simpleEscapes[scalar] {
      value.append(escaped)
      return
    }
    switch scalar {
    case "\n":
      return
    case "\r":
      if position < scalars.count, scalars[position] == "\n" { position += 1 }
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
          throw source.error(
            "invalid escape '\\\(scalar)': expected \(count) hexadecimal digits",
            at: SourceSpan(start: start, end: position))
        }
        code = code &* 16 &+ digit
        position += 1
      }
      guard let decoded = Unicode.Scalar(code) else {
        throw source.error(
          "invalid escape: \\\(scalar)\(String(code, radix: 16)) is not a Unicode character",
          at: SourceSpan(start: start, end: position))
      }
      value.append(decoded)
    case "N":
      throw source.error(
        "\\N{...} escapes are not supported", at: SourceSpan(start: start, end: position))
    default:
      value.append("\\")
      value.append(scalar)
    }
  }
}
