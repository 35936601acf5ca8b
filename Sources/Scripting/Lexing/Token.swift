/// One token of a script, as the lexer produces it.
struct Token: Equatable {
  /// What the token is; literals carry their value.
  enum Kind: Equatable {
    case name(String)
    case keyword(Keyword)
    case integer(Int)
    case float(Double)
    case string(String)
    case punctuation(Punctuation)
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

/// Python's reserved words. Only some are part of the language yet; the others are reserved
/// so that the parser can say they are not supported rather than treat them as names.
enum Keyword: String, CaseIterable {
  case `def`, `return`, pass
  case `true` = "True"
  case `false` = "False"
  case none = "None"
  case `if`, elif, `else`, `for`, `while`, `in`, `break`, `continue`
  case and, or, not, `is`, lambda
  case `import`, from, `as`, `class`, `try`, except, finally, raise, with, yield, global,
    nonlocal, del, assert, async, await
}

/// Operators and delimiters. Some (comparisons, brackets) are lexed ahead of the language
/// using them so that errors name them properly.
enum Punctuation: String, CaseIterable {
  case plus = "+"
  case minus = "-"
  case star = "*"
  case slash = "/"
  case doubleSlash = "//"
  case percent = "%"
  case doubleStar = "**"
  case equal = "="
  case plusEqual = "+="
  case minusEqual = "-="
  case starEqual = "*="
  case slashEqual = "/="
  case doubleSlashEqual = "//="
  case percentEqual = "%="
  case doubleStarEqual = "**="
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

  /// All punctuation, longest first, for longest-match lexing.
  static let longestFirst: [Punctuation] = allCases.sorted {
    $0.rawValue.unicodeScalars.count > $1.rawValue.unicodeScalars.count
  }

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

  /// Whether this is a comparison operator (not supported yet).
  var isComparison: Bool {
    switch self {
    case .equalEqual, .notEqual, .less, .greater, .lessEqual, .greaterEqual: true
    default: false
    }
  }
}
