/// A comparison operator; comparisons chain, as in `0 < x <= 1`.
enum ComparisonOperator: String {
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case `is` = "is"
  case isNot = "is not"
  case `in` = "in"
  case notIn = "not in"

  init?(_ punctuation: Punctuation) {
    switch punctuation {
    case .equalEqual: self = .equal
    case .notEqual: self = .notEqual
    case .less: self = .less
    case .lessEqual: self = .lessEqual
    case .greater: self = .greater
    case .greaterEqual: self = .greaterEqual
    default: return nil
    }
  }

  /// Python's name for the method behind the operator, for messages.
  var methodName: String {
    switch self {
    case .equal: "__eq__"
    case .notEqual: "__ne__"
    case .less: "__lt__"
    case .lessEqual: "__le__"
    case .greater: "__gt__"
    case .greaterEqual: "__ge__"
    case .is, .isNot: "is"
    case .in, .notIn: "__contains__"
    }
  }
}
