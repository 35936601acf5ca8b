/// An expression of the script, with the source text it came from.
///
/// Trees are kept shallow by the parser (see ``Limits``), so walking or freeing one by
/// recursion is safe.
struct Expression {
  enum Kind {
    case integer(Int)
    case float(Double)
    case string(String)
    /// An f-string's pieces, in order.
    indirect case formatString([FormatPiece])
    case boolean(Bool)
    case none
    /// A variable, function or builtin name.
    case name(String)
    /// `-x`, `+x`, `not x`; the operator is the first character of the span.
    indirect case unary(UnaryOperator, Expression)
    /// `a + b`; `operatorSpan` is where the operator is written.
    indirect case binary(BinaryOperator, Expression, Expression, operatorSpan: SourceSpan)
    /// `a and b`, `a or b`: the right side is evaluated only when it decides the result.
    indirect case logical(LogicalOperator, Expression, Expression, operatorSpan: SourceSpan)
    /// `a < b <= c`: each comparison with the operand before it, as Python chains them.
    indirect case comparison(Expression, [Comparison])
    /// `body if test else orElse`.
    indirect case conditional(body: Expression, test: Expression, orElse: Expression)
    /// `object.name`.
    indirect case attribute(Expression, name: String, nameSpan: SourceSpan)
    /// `callee(arguments)`.
    indirect case call(Expression, [Argument])
    /// `object[index]`, where `index` may be a ``Kind/slice(_:_:_:)``.
    indirect case item(Expression, index: Expression)
    /// `start:stop:step` inside brackets; each part may be missing.
    indirect case slice(Expression?, Expression?, Expression?)
    /// `[a, b]`.
    indirect case list([Expression])
    /// `(a, b)` or `a, b`.
    indirect case tuple([Expression])
    /// `[element for x in xs if c]`, or `(element for ...)`, which gradviz makes a list.
    indirect case comprehension(Comprehension)
    /// `lambda x: body`.
    indirect case lambda(FunctionDefinition)
  }

  var kind: Kind
  /// From the first to the last character of the expression.
  var span: SourceSpan
  /// The number of nodes on the longest path from this node down to a leaf, this one
  /// included.
  var height: Int {
    get { Int(storedHeight) }
    set { storedHeight = Int32(clamping: newValue) }
  }
  private var storedHeight: Int32

  init(_ kind: Kind, span: SourceSpan) {
    self.kind = kind
    self.span = span
    storedHeight = Int32(clamping: 1 + kind.childHeight)
  }
}

extension Expression.Kind {
  /// The greatest height of the expressions directly inside this one; for the common kinds
  /// without building ``children``.
  var childHeight: Int {
    switch self {
    case .integer, .float, .string, .boolean, .none, .name, .lambda:
      return 0
    case .unary(_, let operand), .attribute(let operand, _, _):
      return operand.height
    case .binary(_, let left, let right, _), .logical(_, let left, let right, _):
      return max(left.height, right.height)
    case .call(let callee, let arguments):
      return arguments.reduce(callee.height) { max($0, $1.value.height) }
    default:
      return children.reduce(0) { max($0, $1.height) }
    }
  }
}

extension Expression.Kind {
  /// The expressions directly inside this one, in source order (lambda bodies excluded).
  var children: [Expression] {
    switch self {
    case .integer, .float, .string, .boolean, .none, .name, .lambda:
      return []
    case .formatString(let pieces):
      return pieces.compactMap {
        if case .field(let expression, _, _, _) = $0 { return expression }
        return nil
      }
    case .unary(_, let operand), .attribute(let operand, _, _):
      return [operand]
    case .binary(_, let left, let right, _), .logical(_, let left, let right, _):
      return [left, right]
    case .comparison(let first, let rest):
      return [first] + rest.map(\.operand)
    case .conditional(let body, let test, let orElse):
      return [body, test, orElse]
    case .call(let callee, let arguments):
      return [callee] + arguments.map(\.value)
    case .item(let object, let index):
      return [object, index]
    case .slice(let start, let stop, let step):
      return [start, stop, step].compactMap { $0 }
    case .list(let elements), .tuple(let elements):
      return elements
    case .comprehension(let comprehension):
      var children = [comprehension.element]
      for clause in comprehension.clauses {
        switch clause {
        case .for(let target, let iterable):
          children.append(contentsOf: target.expressions)
          children.append(iterable)
        case .if(let condition):
          children.append(condition)
        }
      }
      return children
    }
  }
}

/// One argument of a call: `x`, `label='a'` or `*xs`.
struct Argument {
  /// The name of a keyword argument, with where it is written.
  var keyword: (name: String, span: SourceSpan)?
  var value: Expression
  /// Whether it is `*iterable`, whose elements become positional arguments.
  var isUnpacked = false
}

/// One link of a comparison chain: the operator and its right operand.
struct Comparison {
  var operation: ComparisonOperator
  var operatorSpan: SourceSpan
  var operand: Expression
}

/// A piece of an f-string: literal text or a replacement field.
enum FormatPiece {
  case literal(String)
  /// `{expression!conversion:spec}`; `selfDocumenting` is the `x=` text of `{x=}`.
  case field(Expression, conversion: Unicode.Scalar?, spec: String, selfDocumenting: String?)
}

/// A list comprehension or generator expression.
struct Comprehension {
  enum Clause {
    case `for`(AssignmentTarget, in: Expression)
    case `if`(Expression)
  }
  var element: Expression
  /// The `for` and `if` clauses, left to right; the first is a `for`.
  var clauses: [Clause]
}

extension Expression {
  /// Calls `body` with each name read in the expression, in order, lambda bodies included.
  /// Trees are at most ``Limits/maxExpressionHeight`` high, so the recursion is bounded.
  func forEachName(_ body: (String) -> Void) {
    switch kind {
    case .name(let name):
      body(name)
    case .integer, .float, .string, .boolean, .none:
      break
    case .unary(_, let operand), .attribute(let operand, _, _):
      operand.forEachName(body)
    case .binary(_, let left, let right, _), .logical(_, let left, let right, _):
      left.forEachName(body)
      right.forEachName(body)
    case .call(let callee, let arguments):
      callee.forEachName(body)
      for argument in arguments { argument.value.forEachName(body) }
    case .lambda(let definition):
      for statement in definition.body {
        if case .return(let value?) = statement.kind { value.forEachName(body) }
      }
    default:
      for child in kind.children { child.forEachName(body) }
    }
  }
}
