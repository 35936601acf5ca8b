import Autograd

/// A value a script computes with: the Python objects gradviz has.
///
/// Numbers stay numbers as in Python, `int` and `float` apart; only `Value(...)` and
/// arithmetic that touches a `Value` record nodes on the tape.
enum Object {
  case none
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
  /// A node of the computation graph.
  case value(Value)
  /// A function the script defined with `def`.
  case function(FunctionDefinition)
  /// A built-in function (or the `Value` class).
  case builtin(Builtin)
  /// A method of a `Value` looked up but not yet called, such as `x.tanh`.
  case method(Value, ValueMethod)

  /// The name of the object's type as Python spells it in messages: `'int'`, `'Value'`.
  var typeName: String {
    switch self {
    case .none: "NoneType"
    case .bool: "bool"
    case .int: "int"
    case .float: "float"
    case .string: "str"
    case .value: "Value"
    case .function: "function"
    case .builtin(.value): "type"
    case .builtin: "builtin_function_or_method"
    case .method: "method"
    }
  }

  /// The object as a number, for `int`, `float` and `bool` (which is an `int` in Python).
  var number: Number? {
    switch self {
    case .int(let value): .int(value)
    case .bool(let value): .int(value ? 1 : 0)
    case .float(let value): .float(value)
    default: nil
    }
  }

  /// The text `print` shows, as Python's `str()` makes it: `4.0`, `3`, `True`, `None`,
  /// `Value(data=4.0)`, a string as it is.
  var text: String {
    switch self {
    case .none: "None"
    case .bool(let value): value ? "True" : "False"
    case .int(let value): String(value)
    case .float(let value): PythonFormat.float(value)
    case .string(let value): value
    case .value(let value): value.description
    case .function(let definition): "<function \(definition.name)>"
    case .builtin(.value): "<class 'Value'>"
    case .builtin(let builtin): "<built-in function \(builtin.rawValue)>"
    case .method(let value, let method):
      "<bound method Value.\(method.rawValue) of \(value.description)>"
    }
  }
}
