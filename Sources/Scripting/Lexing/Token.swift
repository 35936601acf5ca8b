/// One token of a script, as the lexer produces it.
struct Token: Equatable {
  /// What the token is; literals carry their value.
  ///
  /// Kinds hold no references, so tokens are plain values that cost nothing to copy: a
  /// name's text is read from the source by its span, and string literals are kept by the
  /// lexer (``Lexer/literal(_:)``, ``Lexer/formatString(_:)``).
  enum Kind: Equatable {
    case name
    case keyword(Keyword)
    case integer(Int)
    case float(Double)
    /// A string literal, by its index in the lexer's table of literals.
    case string(Int)
    /// An f-string, by its index in the lexer's table of f-strings.
    case formatString(Int)
    case punctuation(Punctuation)
    /// A notebook line such as `%matplotlib inline` or `!pip install micrograd`: the whole
    /// line, which is not Python.
    case magic
    /// Text the lexer could not read; ``Lexer/errors`` holds the diagnostic at this index.
    case error(Int)
    /// The end of a logical line (not produced inside brackets or for blank lines).
    case newline
    /// The start of a more indented block.
    case indent
    /// The end of an indented block.
    case dedent
    case endOfFile
  }

  var kind: Kind
  var span: SourceSpan

  /// Whether this is the punctuation `punctuation`.
  func `is`(_ punctuation: Punctuation) -> Bool {
    kind == .punctuation(punctuation)
  }

  /// Whether this is the keyword `keyword`.
  func `is`(_ keyword: Keyword) -> Bool {
    kind == .keyword(keyword)
  }
}

/// A piece of an f-string: literal text, or a replacement field `{expression!r:spec}`.
enum FormatSegment: Equatable {
  case literal(String)
  /// A replacement field. `expression` is where the expression's text is in the source, to
  /// be read by the parser; `conversion` is `r`, `s` or `a` after a `!`; `spec` is the text
  /// after the `:`; `selfDocumenting` is the text shown before the value in `{x=}`.
  case field(
    expression: SourceSpan, conversion: Unicode.Scalar?, spec: String,
    selfDocumenting: String?)
}

/// Python's reserved words. Some are part of the language only so that the parser can say
/// they are not supported rather than treat them as names.
enum Keyword: String, CaseIterable {
  case `def`, `return`, pass, lambda
  case `true` = "True"
  case `false` = "False"
  case none = "None"
  case `if`, elif, `else`, `for`, `while`, `in`, `break`, `continue`
  case and, or, not, `is`
  case `import`, from, `as`, `class`, global, nonlocal, assert, del
  case `try`, except, finally, raise, with, yield, async, await
}

/// Operators and delimiters. Some (bitwise operators, `@`) are lexed although the language
/// lacks them, so that errors name them properly.
enum Punctuation: String, CaseIterable {
  case plus = "+"
  case minus = "-"
  case star = "*"
  case slash = "/"
  case doubleSlash = "//"
  case percent = "%"
  case doubleStar = "**"
  case at = "@"
  case pipe = "|"
  case ampersand = "&"
  case tilde = "~"
  case leftShift = "<<"
  case rightShift = ">>"
  case equal = "="
  case plusEqual = "+="
  case minusEqual = "-="
  case starEqual = "*="
  case slashEqual = "/="
  case doubleSlashEqual = "//="
  case percentEqual = "%="
  case doubleStarEqual = "**="
  case walrus = ":="
  case equalEqual = "=="
  case notEqual = "!="
  case less = "<"
  case greater = ">"
  case lessEqual = "<="
  case greaterEqual = ">="
  case leftParen = "("
  case rightParen = ")"
  case leftBracket = "["
  case rightBracket = "]"
  case leftBrace = "{"
  case rightBrace = "}"
  case comma = ","
  case colon = ":"
  case dot = "."
  case semicolon = ";"
  case arrow = "->"

  /// The binary operator of an augmented assignment such as `+=`, if this is one.
  var augmentedOperator: BinaryOperator? {
    switch self {
    case .plusEqual: .add
    case .minusEqual: .subtract
    case .starEqual: .multiply
    case .slashEqual: .divide
    case .doubleSlashEqual: .floorDivide
    case .percentEqual: .modulo
    case .doubleStarEqual: .power
    default: nil
    }
  }

  /// The number of characters it takes.
  var length: Int {
    switch self {
    case .doubleSlashEqual, .doubleStarEqual: 3
    case .doubleSlash, .doubleStar, .leftShift, .rightShift, .plusEqual, .minusEqual, .starEqual,
      .slashEqual, .percentEqual, .walrus, .equalEqual, .notEqual, .lessEqual, .greaterEqual,
      .arrow:
      2
    default: 1
    }
  }

  /// Whether this is a closing bracket.
  var isClosingBracket: Bool {
    self == .rightParen || self == .rightBracket || self == .rightBrace
  }

  /// Whether this is an opening bracket.
  var isOpeningBracket: Bool {
    self == .leftParen || self == .leftBracket || self == .leftBrace
  }
}
