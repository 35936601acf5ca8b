import Autograd

/// A value a script computes with: the Python objects gradviz has.
///
/// Numbers stay numbers as in Python, `int` and `float` apart; only `Value(...)` and
/// arithmetic that touches a `Value` record nodes on the tape. Lists, tuples, functions and
/// scopes are reference types whose release never recurses (see ``Reclaimer``), so a list
/// nested a million deep is freed without overflowing the stack.
enum Object {
  case none
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
  /// A node of the computation graph.
  case value(Value)
  /// A mutable list.
  case list(ListStorage)
  /// An immutable tuple.
  case tuple(ListStorage)
  /// `range(start, stop, step)`, never materialised.
  indirect case range(IntRange)
  /// A function the script defined with `def` or `lambda`.
  case function(Function)
  /// A built-in function or type.
  case builtin(Builtin)
  /// A method or a module's function looked up but not yet called, such as `x.tanh` or
  /// `xs.append`.
  indirect case method(Object, name: String)
  /// A module: `math` or `random`.
  case module(Module)
  /// `start:stop:step` evaluated inside brackets.
  indirect case slice(SliceBounds)
  /// A model of micrograd's nn: a `Neuron`, a `Layer` or an `MLP`.
  case model(ModelObject)
  /// A name bound by a line that gradviz skipped, such as `xs = np.arange(...)`.
  case skipped(SkipRecord)

  /// The name of the object's type as Python spells it in messages: `'int'`, `'Value'`.
  var typeName: String {
    switch self {
    case .none: "NoneType"
    case .bool: "bool"
    case .int: "int"
    case .float: "float"
    case .string: "str"
    case .value: "Value"
    case .list: "list"
    case .tuple: "tuple"
    case .range: "range"
    case .function: "function"
    case .builtin(let builtin): builtin.isType ? "type" : "builtin_function_or_method"
    case .method(.module, _): "builtin_function_or_method"
    case .method: "method"
    case .module: "module"
    case .slice: "slice"
    case .model(let model): model.typeName
    case .skipped: "skipped"
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

  /// The object as an integer, for `int` and `bool`.
  var integer: Int? {
    switch self {
    case .int(let value): value
    case .bool(let value): value ? 1 : 0
    default: nil
    }
  }

  /// Python's truth value: `None`, `False`, zero and empty collections are false.
  var isTruthy: Bool {
    switch self {
    case .none: false
    case .bool(let value): value
    case .int(let value): value != 0
    case .float(let value): value != 0
    case .string(let value): !value.isEmpty
    case .list(let storage), .tuple(let storage): !storage.elements.isEmpty
    case .range(let range): range.count > 0
    default: true
    }
  }
}

/// A plain number: Python's `int` (64-bit here) or `float`.
enum Number {
  case int(Int)
  case float(Double)

  var double: Double {
    switch self {
    case .int(let value): Double(value)
    case .float(let value): value
    }
  }

  var object: Object {
    switch self {
    case .int(let value): .int(value)
    case .float(let value): .float(value)
    }
  }
}

/// The elements of a list or a tuple. A class, so that lists are shared as in Python.
final class ListStorage {
  var elements: [Object]

  init(_ elements: [Object]) {
    self.elements = elements
  }

  deinit {
    guard elements.contains(where: \.isContainer) else { return }
    var objects = elements
    elements = []
    Reclaimer.bury(&objects)
  }
}

/// `range(start, stop, step)`: the integers from `start` up to (not including) `stop`.
struct IntRange {
  var start: Int
  var stop: Int
  var step: Int

  /// The number of integers in the range, which may be more than `Int.max`.
  var exactCount: UInt {
    guard step > 0 ? start < stop : start > stop else { return 0 }
    let distance = step > 0 ? UInt(bitPattern: stop &- start) : UInt(bitPattern: start &- stop)
    return (distance - 1) / step.magnitude + 1
  }

  /// The number of integers in the range, at most `Int.max`.
  var count: Int { Int(clamping: exactCount) }

  /// Whether `value` is one of the integers.
  func contains(_ value: Int) -> Bool {
    if step > 0 {
      guard value >= start, value < stop else { return false }
      return UInt(bitPattern: value &- start) % step.magnitude == 0
    }
    guard value <= start, value > stop else { return false }
    return UInt(bitPattern: start &- value) % step.magnitude == 0
  }

  /// The `index`th integer; `index` must be in `0..<count`.
  func element(_ index: Int) -> Int {
    start &+ index &* step
  }
}

/// A name that a skipped line bound, and why the line was skipped.
final class SkipRecord {
  /// The line that was skipped.
  let line: Int
  /// Why, as the note about it says: `numpy and matplotlib are out of scope`.
  let reason: String
  /// Whether it comes from numpy or matplotlib, whose calls are skipped as plotting.
  let isPlotting: Bool

  init(line: Int, reason: String, isPlotting: Bool) {
    self.line = line
    self.reason = reason
    self.isPlotting = isPlotting
  }
}
