/// An expression of the script, with the source text it came from.
///
/// Trees are kept shallow by the parser (see ``Limits``), so walking or freeing one by
/// recursion is safe.
struct Expression {
  indirect enum Kind {
    case integer(Int)
    case float(Double)
    case string(String)
    case boolean(Bool)
    case none
    /// A variable, function or builtin name.
    case name(String)
    /// `-x`, `+x`.
    case unary(UnaryOperator, Expression)
    /// `a + b`; `operatorSpan` is where the operator is written.
    case binary(BinaryOperator, Expression, Expression, operatorSpan: SourceSpan)
    /// `object.name`.
    case attribute(Expression, name: String, nameSpan: SourceSpan)
    /// `callee(arguments)`.
    case call(Expression, [Argument])
  }

  var kind: Kind
  /// From the first to the last character of the expression.
  var span: SourceSpan
  /// The number of nodes on the longest path from this node down to a leaf, this one
  /// included.
  var height: Int

  init(_ kind: Kind, span: SourceSpan) {
    self.kind = kind
    self.span = span
    switch kind {
    case .integer, .float, .string, .boolean, .none, .name:
      height = 1
    case .unary(_, let operand), .attribute(let operand, _, _):
      height = operand.height + 1
    case .binary(_, let left, let right, _):
      height = max(left.height, right.height) + 1
    case .call(let callee, let arguments):
      height = arguments.reduce(callee.height) { max($0, $1.value.height) } + 1
    }
  }
}

/// One argument of a call: `x` or `label='a'`.
struct Argument {
  /// The name of a keyword argument, with where it is written.
  var keyword: (name: String, span: SourceSpan)?
  var value: Expression
}
