/// Turns a script's text into tokens, as Python's tokenizer does, one at a time as the parser
/// asks for them (so that a long script never holds all its tokens at once).
///
/// Besides names, numbers, strings and punctuation, it produces the layout tokens that make
/// blocks: `newline` at the end of each logical line, `indent` when a line is indented more
/// than the one before, and one `dedent` for each block a line closes. Blank lines and
/// comment-only lines produce nothing; line breaks inside brackets and after a backslash join
/// lines. Tabs advance indentation to the next multiple of 8, as in Python.
///
/// Text it cannot read becomes an `error` token and lexing goes on after it, so that the
/// parser can report several independent mistakes in one pass. The lexer is a loop over the
/// text with no recursion.
struct Lexer {
  let source: SourceText
  /// The text's bytes, read as scalars where they are ASCII.
  let scalars: SourceText.ScalarView
  /// Where lexing stops: the end of the text, or of an f-string's replacement field.
  let end: Int
  var position: Int
  /// The tokens lexed so far and not yet discarded by their reader (see ``TokenStream``).
  var tokens: [Token] = []
  /// The diagnostics that `error` tokens refer to.
  private(set) var errors: [ScriptError] = []
  /// The values of the string literals, which `string` tokens refer to.
  private(set) var literals: [String] = []
  /// The pieces of the f-strings, which `formatString` tokens refer to.
  private(set) var formatStrings: [[FormatSegment]] = []
  /// The widths of the open indented blocks; the first is the top level, 0.
  private var indents: [Int] = [0]
  /// The opening brackets not closed yet, innermost last.
  private(set) var openBrackets: [SourceSpan] = []
  /// Whether the end of the text has been reached and the closing tokens made.
  private(set) var isFinished = false
  private var atLineStart: Bool
  /// Whether this lexer reads one expression inside an f-string rather than a script.
  private let isExpression: Bool

  private var bracketDepth: Int { openBrackets.count + (isExpression ? 1 : 0) }

  /// A lexer for the whole of `source`.
  init(_ source: SourceText) {
    self.init(source: source, start: 0, end: source.bytes.count, isExpression: false)
    if source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  /// A lexer for the expression in an f-string's replacement field at `span`, read as if it
  /// were in brackets (line breaks do not end it) and ending with `endOfFile`.
  init(_ source: SourceText, expressionIn span: SourceSpan) {
    self.init(source: source, start: span.start, end: span.end, isExpression: true)
  }

  private init(source: SourceText, start: Int, end: Int, isExpression: Bool) {
    self.source = source
    self.scalars = source.scalars
    self.position = start
    self.end = end
    self.isExpression = isExpression
    self.atLineStart = !isExpression
  }

  /// A failure to read a token: its diagnostic and whether to give up on the rest of the
  /// physical line.
  struct Failure: Error {
    var error: ScriptError
    var skipLine = false
  }

  /// Lexes until at least one more token is in ``tokens`` (another `endOfFile` at the end).
  ///
  /// The tokens end with `newline` (unless the text is empty), the `dedent`s that close open
  /// blocks, and `endOfFile`.
  ///
  /// - Complexity: amortised O(1) per character of the text.
  mutating func lexMore() {
    let count = tokens.count
    while tokens.count == count { step() }
  }

  /// The diagnostic of the `error` token `.error(index)`.
  func error(_ index: Int) -> ScriptError {
    errors[index]
  }

  /// The value of the string literal `.string(index)`.
  func literal(_ index: Int) -> String {
    literals[index]
  }

  /// The pieces of the f-string `.formatString(index)`.
  func formatString(_ index: Int) -> [FormatSegment] {
    formatStrings[index]
  }

  /// Emits a string literal's token.
  mutating func emit(string value: String, span: SourceSpan) {
    emit(Token(kind: .string(literals.count), span: span))
    literals.append(value)
  }

  /// Emits an f-string's token.
  mutating func emit(formatString segments: [FormatSegment], span: SourceSpan) {
    emit(Token(kind: .formatString(formatStrings.count), span: span))
    formatStrings.append(segments)
  }

  /// Lexes until at least one token is made, or a line is skipped.
  private mutating func step() {
    guard !isFinished else {
      tokens.append(Token(kind: .endOfFile, span: SourceSpan(at: end)))
      return
    }
    if atLineStart {
      atLineStart = false
      if bracketDepth == 0 {
        let lineStart = position
        let width = skipIndentation()
        guard position < end else { return finish() }
        if scalars[position] == "#" { skipComment() }
        if position >= end { return finish() }
        if scalars[position] == "\n" || scalars[position] == "\r" {
          skipLineBreak()
          atLineStart = true
          return
        }
        indent(to: width, span: SourceSpan(start: lineStart, end: position))
        if scalars[position] == "%" || scalars[position] == "!" { return lexMagic() }
      }
    }
    guard position < end else { return finish() }
    let start = position
    do throws(Failure) {
      if try lexToken() { atLineStart = true }
    } catch {
      record(error.error, at: start)
      if error.skipLine {
        skipComment()
      } else if position == start {
        position += 1
      }
    }
  }

  /// Makes the tokens that end the text: a last `newline`, the `dedent`s, `endOfFile`.
  private mutating func finish() {
    isFinished = true
    guard !isExpression else {
      tokens.append(Token(kind: .endOfFile, span: SourceSpan(at: end)))
      return
    }
    if !lastWasNewline, openBrackets.isEmpty {
      tokens.append(Token(kind: .newline, span: SourceSpan(at: end)))
    }
    while indents.count > 1 {
      indents.removeLast()
      tokens.append(Token(kind: .dedent, span: SourceSpan(at: end)))
    }
    tokens.append(Token(kind: .endOfFile, span: SourceSpan(at: end)))
  }

  /// Whether the last token made was a `newline`, or none was made yet.
  private var lastWasNewline = true

  /// Reads one token, or skips blanks, a comment or a line break.
  ///
  /// - Returns: whether a line break was read (outside brackets, the next line starts).
  private mutating func lexToken() throws(Failure) -> Bool {
    let scalar = scalars[position]
    switch scalar {
    case " ", "\t", "\u{0C}":
      position += 1
      while position < end, scalars[position] == " " || scalars[position] == "\t" {
        position += 1
      }
    case "#":
      skipComment()
    case "\n", "\r":
      let start = position
      skipLineBreak()
      if bracketDepth == 0 {
        emit(Token(kind: .newline, span: SourceSpan(start: start, end: start + 1)))
      }
      return true
    case "\\":
      let next = position + 1 < end ? scalars[position + 1] : "\n"
      guard next == "\n" || next == "\r" else {
        throw Failure(
          error: source.error(
            "unexpected character after line continuation character",
            at: SourceSpan(start: position + 1, end: position + 2)), skipLine: true)
      }
      position += 1
      skipLineBreak()
    case "'", "\"":
      try lexString(start: position, raw: false)
    case "0"..."9":
      try lexNumber()
    case "." where position + 1 < end && ("0"..."9").contains(scalars[position + 1]):
      try lexNumber()
    default:
      if Self.isIdentifierStart(scalar.isASCII ? scalar : source.decode(at: position).scalar) {
        try lexName()
      } else if let punctuation = matchPunctuation() {
        let start = position
        position += punctuation.length
        let span = SourceSpan(start: start, end: position)
        if punctuation.isOpeningBracket {
          openBrackets.append(span)
        } else if punctuation.isClosingBracket {
          _ = openBrackets.popLast()
        }
        emit(Token(kind: .punctuation(punctuation), span: span))
      } else {
        throw Failure(error: unexpectedCharacter())
      }
    }
    return false
  }

  /// Hands out `token`.
  mutating func emit(_ token: Token) {
    if case .newline = token.kind { lastWasNewline = true } else { lastWasNewline = false }
    tokens.append(token)
  }

  /// Appends an `error` token for `error`, found at `start`.
  private mutating func record(_ error: ScriptError, at start: Int) {
    emit(
      Token(kind: .error(errors.count), span: SourceSpan(start: start, end: max(start, position))))
    errors.append(error)
  }

  // MARK: - Layout

  /// Skips spaces, tabs and form feeds at the start of a line and returns the indentation
  /// width.
  private mutating func skipIndentation() -> Int {
    var width = 0
    while position < end {
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

  /// Skips to (not past) the end of the physical line.
  mutating func skipComment() {
    while position < end, scalars[position] != "\n", scalars[position] != "\r" {
      position += 1
    }
  }

  /// Skips one line break: `\n`, `\r\n` or `\r`.
  mutating func skipLineBreak() {
    guard position < end else { return }
    if scalars[position] == "\r", position + 1 < end, scalars[position + 1] == "\n" {
      position += 1
    }
    position += 1
  }

  /// Emits `indent` or `dedent`s for a line of code whose indentation is `width`.
  private mutating func indent(to width: Int, span: SourceSpan) {
    let current = indents.last ?? 0
    if width > current {
      indents.append(width)
      emit(Token(kind: .indent, span: span))
      return
    }
    while width < indents.last ?? 0 {
      indents.removeLast()
      emit(Token(kind: .dedent, span: SourceSpan(at: span.end)))
    }
    if width != indents.last ?? 0 {
      let place = span.start == span.end ? span : SourceSpan(start: span.end - 1, end: span.end)
      record(
        source.error("unindent does not match any outer indentation level", at: place),
        at: place.start)
    }
  }

  /// A notebook magic or shell line, `%...` or `!...`, as one token.
  private mutating func lexMagic() {
    let start = position
    skipComment()
    emit(Token(kind: .magic, span: SourceSpan(start: start, end: position)))
  }

  // MARK: - Names

  /// Moves past the characters that may continue a name.
  mutating func skipIdentifierContinue() {
    while position < end {
      let scalar = scalars[position]
      if scalar.isASCII {
        guard Self.isIdentifierContinue(scalar) else { return }
        position += 1
      } else {
        let (decoded, length) = source.decode(at: position)
        guard Self.isIdentifierContinue(decoded) else { return }
        position += length
      }
    }
  }

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

  private mutating func lexName() throws(Failure) {
    let start = position
    position += source.decode(at: position).length
    skipIdentifierContinue()
    let span = SourceSpan(start: start, end: position)
    if position < end, scalars[position] == "'" || scalars[position] == "\"", position - start <= 2
    {
      switch source.text(of: span).lowercased() {
      case "r":
        return try lexString(start: start, raw: true)
      case "u":
        return try lexString(start: start, raw: false)
      case "f":
        return try lexFormatString(start: start, raw: false)
      case "rf", "fr":
        return try lexFormatString(start: start, raw: true)
      case "b", "br", "rb":
        throw Failure(
          error: source.error(
            "bytes literals are not supported", at: SourceSpan(start: start, end: position + 1)),
          skipLine: true)
      default:
        break
      }
    }
    if let keyword = keyword(at: span) {
      emit(Token(kind: .keyword(keyword), span: span))
    } else {
      emit(Token(kind: .name, span: span))
    }
  }

  /// The keyword the name at `span` spells, if any; compared scalar by scalar with the
  /// keywords that start with the same ASCII letter, without making a string.
  private func keyword(at span: SourceSpan) -> Keyword? {
    let first = scalars[span.start].value
    guard first < 128 else { return nil }
    let length = span.end - span.start
    candidates: for (keyword, text) in Self.keywordsByFirstLetter[Int(first)]
    where text.count == length {
      for (offset, scalar) in text.enumerated() where scalars[span.start + offset] != scalar {
        continue candidates
      }
      return keyword
    }
    return nil
  }

  /// The keywords and their scalars, by the ASCII code of their first letter.
  private static let keywordsByFirstLetter: [[(Keyword, [Unicode.Scalar])]] = {
    var table = [[(Keyword, [Unicode.Scalar])]](repeating: [], count: 128)
    for keyword in Keyword.allCases {
      let text = Array(keyword.rawValue.unicodeScalars)
      table[Int(text[0].value)].append((keyword, text))
    }
    return table
  }()

  // MARK: - Punctuation and stray characters

  func peek(_ offset: Int) -> Unicode.Scalar? {
    offset < end ? scalars[offset] : nil
  }

  /// The longest punctuation at the current position.
  private func matchPunctuation() -> Punctuation? {
    let first = scalars[position]
    let second = peek(position + 1)
    let third = peek(position + 2)
    switch first {
    case "+": return second == "=" ? .plusEqual : .plus
    case "-":
      if second == "=" { return .minusEqual }
      return second == ">" ? .arrow : .minus
    case "*":
      if second == "*" { return third == "=" ? .doubleStarEqual : .doubleStar }
      return second == "=" ? .starEqual : .star
    case "/":
      if second == "/" { return third == "=" ? .doubleSlashEqual : .doubleSlash }
      return second == "=" ? .slashEqual : .slash
    case "%": return second == "=" ? .percentEqual : .percent
    case "@": return .at
    case "|": return .pipe
    case "&": return .ampersand
    case "~": return .tilde
    case "=": return second == "=" ? .equalEqual : .equal
    case "!": return second == "=" ? .notEqual : nil
    case "<":
      if second == "<" { return .leftShift }
      return second == "=" ? .lessEqual : .less
    case ">":
      if second == ">" { return .rightShift }
      return second == "=" ? .greaterEqual : .greater
    case "(": return .leftParen
    case ")": return .rightParen
    case "[": return .leftBracket
    case "]": return .rightBracket
    case "{": return .leftBrace
    case "}": return .rightBrace
    case ",": return .comma
    case ":": return second == "=" ? .walrus : .colon
    case ".": return .dot
    case ";": return .semicolon
    default: return nil
    }
  }

  /// Full-width punctuation that Chinese input methods type, and the ASCII meant.
  private static let fullWidth: [Unicode.Scalar: String] = [
    "（": "(", "）": ")", "，": ",", "：": ":", "；": ";", "＝": "=", "＋": "+", "－": "-",
    "＊": "*", "／": "/", "。": ".", "．": ".", "‘": "'", "’": "'", "“": "\"", "”": "\"",
    "　": " ", "［": "[", "］": "]", "＃": "#",
  ]

  /// The error for the character at `position`, which it moves past.
  private mutating func unexpectedCharacter() -> ScriptError {
    let (scalar, length) = source.decode(at: position)
    let span = SourceSpan(start: position, end: position + length)
    position += length
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
      let notes =
        switch scalar {
        case "^": ["use ** for powers, as in x**2"]
        case "!": ["use 'not' for logical negation"]
        case "?": ["notebook help (x?) is not Python; delete it"]
        default: [String]()
        }
      return source.error("unexpected character '\(scalar)'", at: span, notes: notes)
    }
    return source.error("unexpected character '\(scalar)' (\(code))", at: span)
  }
}
