extension ExpressionDerivative.Variable {
  /// Reads `NAME=NUMBER` pairs separated by commas: `x=-3`, `a=2,b=-3,c=10`.
  ///
  /// - Throws: ``InspectionError/invalidAssignment(_:reason:)`` for a pair without `=`, a
  ///   name that is not a Python identifier or is a keyword, or a number that is not a finite
  ///   number.
  public static func list(parsing text: String) throws(InspectionError) -> [Self] {
    var variables: [Self] = []
    for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
      let pair = String(pair).trimmingWhitespace
      guard let equals = pair.firstIndex(of: "=") else {
        throw .invalidAssignment(pair, reason: "give each variable a number, as x=-3")
      }
      let name = String(pair[..<equals]).trimmingWhitespace
      let number = String(pair[pair.index(after: equals)...]).trimmingWhitespace
      try ExpressionDerivative.validate(name: name, in: pair)
      guard let value = Double(number), value.isFinite else {
        throw .invalidAssignment(pair, reason: "'\(number)' is not a finite number")
      }
      variables.append(Self(name: name, value: value))
    }
    return variables
  }
}

extension ExpressionDerivative {
  /// Python's keywords (`keyword.kwlist`) and the names the generated script uses.
  private static let reserved: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield", "Value", "print",
  ]

  static func validate(name: String, in text: String) throws(InspectionError) {
    guard let first = name.unicodeScalars.first else {
      throw .invalidAssignment(text, reason: "the variable has no name")
    }
    let isIdentifier =
      (first == "_" || first.properties.isAlphabetic) && first.isASCII
      && name.unicodeScalars.allSatisfy {
        $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
      }
    guard isIdentifier else {
      throw .invalidAssignment(
        text, reason: "'\(name)' is not a name (letters, digits and _, not starting with a digit)")
    }
    guard !reserved.contains(name) else {
      throw .invalidAssignment(text, reason: "'\(name)' is reserved; choose another name")
    }
  }

  static func validate(_ expression: String, _ point: [Variable], _ h: Double)
    throws(InspectionError)
  {
    guard h.isFinite, h > 0 else {
      throw .invalidAssignment(
        "h=\(NumberText.full(h))", reason: "the step must be a finite number > 0")
    }
    guard !point.isEmpty else {
      throw .invalidAssignment("", reason: "give the point, as x=-3 or a=2,b=-3,c=10")
    }
    var names = Set<String>()
    for variable in point {
      let text = "\(variable.name)=\(NumberText.full(variable.value))"
      try validate(name: variable.name, in: text)
      guard variable.value.isFinite else {
        throw .invalidAssignment(text, reason: "the number must be finite")
      }
      guard names.insert(variable.name).inserted else {
        throw .invalidAssignment(text, reason: "'\(variable.name)' is given twice")
      }
    }
    guard !expression.trimmingWhitespace.isEmpty else {
      throw .expression("<expr>: error: the expression is empty")
    }
    guard !expression.contains(where: \.isNewline) else {
      throw .expression("<expr>: error: the expression must be one line")
    }
    guard !expression.contains(";") else {
      throw .expression("<expr>: error: give one expression, without ';' (statements are for scripts)")
    }
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  var trimmingWhitespace: String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
