/// A statement of the script.
struct Statement {
  enum Kind {
    /// An expression evaluated for its effect, such as `print(x)` or `L.backward()`.
    case expression(Expression)
    /// `a = b = value`: every target gets the value, left to right.
    case assignment([AssignmentTarget], Expression)
    /// `x += value`, which is `x = x + value`.
    case augmentedAssignment(
      AssignmentTarget, BinaryOperator, operatorSpan: SourceSpan, Expression)
    case functionDefinition(FunctionDefinition)
    /// `return` or `return value`.
    case `return`(Expression?)
    case pass
  }

  var kind: Kind
  var span: SourceSpan
}

/// What an assignment can assign to.
enum AssignmentTarget {
  /// A variable.
  case name(String, span: SourceSpan)
  /// An attribute, such as `x.label` or `x.grad`.
  case attribute(Expression, name: String, nameSpan: SourceSpan)

  var span: SourceSpan {
    switch self {
    case .name(_, let span): span
    case .attribute(let object, _, let nameSpan): SourceSpan(from: object.span, to: nameSpan)
    }
  }
}
