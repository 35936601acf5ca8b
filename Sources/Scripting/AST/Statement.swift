/// A statement of the script.
struct Statement {
  enum Kind {
    /// An expression evaluated for its effect, such as `print(x)` or `L.backward()`; the
    /// value of a bare expression is ignored.
    case expression(Expression)
    /// `a = b = value`: every target gets the value, left to right.
    case assignment(AssignmentTargets, Expression)
    /// `x += value`, which is `x = x + value`.
    case augmentedAssignment(
      AssignmentTarget, BinaryOperator, operatorSpan: SourceSpan, Expression)
    case functionDefinition(FunctionDefinition)
    /// `return` or `return value`.
    case `return`(Expression?)
    case pass
    /// `if test: body elif test: body else: orElse`.
    case `if`([Branch], orElse: [Statement])
    /// `while test: body else: orElse`.
    case `while`(Branch, orElse: [Statement])
    /// `for target in iterable: body else: orElse`.
    case `for`(AssignmentTarget, in: Expression, body: [Statement], orElse: [Statement])
    case `break`
    case `continue`
    /// `global a, b`: the names are the module's in this function.
    case global([String])
    /// `nonlocal a`: the names are the enclosing function's.
    case nonlocal([String])
    /// `import m`, `import m as n`, `from m import a, b as c`.
    case `import`([ImportBinding])
    /// `assert test, message`.
    case assert(Expression, message: Expression?)
    /// `del a, b[0]`.
    case delete([AssignmentTarget])
    /// Code that gradviz recognises and leaves out: a notebook magic, or the walkthrough's
    /// own `Value` class or drawing code, which gradviz provides. `note` says why, or is
    /// `nil` to leave it out silently.
    case skipped(note: String?)
  }

  var kind: Kind
  /// The statement's first line, or its header for a compound statement.
  var span: SourceSpan
}

/// A test and the block it guards.
struct Branch {
  var test: Expression
  var body: [Statement]
}

/// One name that an `import` binds.
struct ImportBinding {
  /// The name bound: `np` in `import numpy as np`, `exp` in `from math import exp`.
  var name: String
  /// The dotted module path: `numpy`, `matplotlib.pyplot`, `micrograd.engine`.
  var module: String
  /// The member imported with `from module import member`, or `nil` for `import module`.
  var member: String?
  var span: SourceSpan
}

/// The targets of `a = b = value`: one, or more, without an array for the usual one.
struct AssignmentTargets: RandomAccessCollection {
  let first: AssignmentTarget
  let rest: [AssignmentTarget]

  init(_ targets: [AssignmentTarget]) {
    precondition(!targets.isEmpty, "an assignment has a target")
    first = targets[0]
    rest = Array(targets.dropFirst())
  }

  var startIndex: Int { 0 }
  var endIndex: Int { rest.count + 1 }
  subscript(position: Int) -> AssignmentTarget { position == 0 ? first : rest[position - 1] }
}

/// What an assignment, a `for` loop or `del` can bind.
enum AssignmentTarget {
  /// A variable.
  case name(String, span: SourceSpan)
  /// An attribute, such as `x.label` or `x.grad`.
  indirect case attribute(Expression, name: String, nameSpan: SourceSpan)
  /// An element, `xs[i]`.
  indirect case item(Expression, index: Expression, span: SourceSpan)
  /// Unpacking, `a, b = ...` or `[a, b] = ...`.
  indirect case tuple([AssignmentTarget], span: SourceSpan)

  var span: SourceSpan {
    switch self {
    case .name(_, let span): span
    case .attribute(let object, _, let nameSpan): SourceSpan(from: object.span, to: nameSpan)
    case .item(_, _, let span): span
    case .tuple(_, let span): span
    }
  }

  /// The expressions evaluated to find the place assigned: the objects and indexes.
  var expressions: [Expression] {
    switch self {
    case .name: []
    case .attribute(let object, _, _): [object]
    case .item(let object, let index, _): [object, index]
    case .tuple(let targets, _): targets.flatMap(\.expressions)
    }
  }

  /// Calls `body` with each name read to find the place assigned.
  func forEachName(_ body: (String) -> Void) {
    switch self {
    case .name: break
    case .attribute(let object, _, _): object.forEachName(body)
    case .item(let object, let index, _):
      object.forEachName(body)
      index.forEachName(body)
    case .tuple(let targets, _): for target in targets { target.forEachName(body) }
    }
  }

  /// The variables the target binds, in order.
  var names: [String] {
    switch self {
    case .name(let name, _): [name]
    case .attribute, .item: []
    case .tuple(let targets, _): targets.flatMap(\.names)
    }
  }
}
