import Autograd
import Foundation

/// The builtin functions, with Python's behaviour for the objects gradviz has.
extension Evaluator {
  /// The arguments of a builtin call, checked: positional ones and keyword ones by name.
  struct CheckedArguments {
    var positional: [CallArgument]
    var keywords: [String: CallArgument]

    subscript(_ index: Int) -> CallArgument { positional[index] }
    var count: Int { positional.count }
  }

  /// Checks that `arguments` has `counts` positional arguments and only `keywords`.
  func check(
    _ arguments: [CallArgument], _ name: String, _ counts: ClosedRange<Int>,
    keywords allowed: [String] = [], at span: SourceSpan
  ) throws -> CheckedArguments {
    var positional: [CallArgument] = []
    var keywords: [String: CallArgument] = [:]
    for argument in arguments {
      guard let keyword = argument.keyword else {
        positional.append(argument)
        continue
      }
      guard allowed.contains(keyword.name) else {
        if allowed.isEmpty {
          throw error("\(name)() takes no keyword arguments", at: keyword.span)
        }
        throw error(
          "\(name)() got an unexpected keyword argument '\(keyword.name)'", at: keyword.span,
          notes: Suggestion.note(for: keyword.name, among: allowed))
      }
      keywords[keyword.name] = argument
    }
    guard counts.contains(positional.count) else {
      if counts.lowerBound == counts.upperBound {
        throw arityError(name, takes: counts.lowerBound, given: positional.count, at: span)
      }
      let given = positional.count == 1 ? "1 was given" : "\(positional.count) were given"
      let takes =
        counts.upperBound == Int.max
        ? "at least \(counts.lowerBound) argument\(counts.lowerBound == 1 ? "" : "s")"
        : "from \(counts.lowerBound) to \(counts.upperBound) arguments"
      throw error("\(name)() takes \(takes) but \(given)", at: span)
    }
    return CheckedArguments(positional: positional, keywords: keywords)
  }

  /// The integer an argument holds.
  func integer(_ argument: CallArgument, for name: String) throws -> Int {
    guard let value = argument.object.integer else {
      throw error(
        "'\(argument.object.typeName)' object cannot be interpreted as an integer"
          + (name.isEmpty ? "" : " in \(name)()"), at: argument.span)
    }
    return value
  }

  /// The number an argument holds.
  func number(_ argument: CallArgument, for name: String) throws -> Double {
    guard let value = argument.object.number else {
      var notes: [String] = []
      if case .value = argument.object {
        notes = ["\(name)() works on numbers; its number is x.data"]
      }
      throw error(
        "must be real number, not \(argument.object.typeName)", at: argument.span, notes: notes)
    }
    return value.double
  }

  func call(_ builtin: Builtin, _ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    switch builtin {
    case .value: return try makeValue(arguments, span: span)
    case .print: return try print(arguments, span: span)
    case .drawDot: return try drawDot(arguments, span: span)
    case .range: return try range(arguments, span: span)
    case .len: return try length(arguments, span: span)
    case .sum: return try sum(arguments, span: span)
    case .min, .max: return try extreme(builtin, arguments, span: span)
    case .abs: return try absolute(arguments, span: span)
    case .zip: return try zip(arguments, span: span)
    case .enumerate: return try enumerate(arguments, span: span)
    case .sorted: return try sorted(arguments, span: span)
    case .reversed:
      let checked = try check(arguments, "reversed", 1...1, at: span)
      return makeList(try collect(try iterable(checked[0]), at: checked[0].span).reversed())
    case .round: return try round(arguments, span: span)
    case .pow:
      let checked = try check(arguments, "pow", 2...2, at: span)
      return try binary(
        .power, checked[0].object, checked[1].object, operatorSpan: span, rightSpan: checked[1].span
      )
    case .any, .all:
      let checked = try check(arguments, builtin.rawValue, 1...1, at: span)
      let wanted = builtin == .any
      for element in try collect(try iterable(checked[0]), at: checked[0].span)
      where element.isTruthy == wanted {
        return .bool(wanted)
      }
      return .bool(!wanted)
    case .map: return try map(arguments, span: span)
    case .filter: return try filter(arguments, span: span)
    case .repr:
      let checked = try check(arguments, "repr", 1...1, at: span)
      return .string(try repr(of: checked[0].object, at: span))
    case .isinstance: return try isInstance(arguments, span: span)
    case .format:
      let checked = try check(arguments, "format", 1...2, at: span)
      var spec = ""
      if checked.count == 2 {
        guard case .string(let text) = checked[1].object else {
          throw error(
            "format() argument 2 must be str, not \(checked[1].object.typeName)",
            at: checked[1].span)
        }
        spec = text
      }
      return .string(try format(checked[0].object, spec: spec, at: checked[0].span))
    case .list, .tuple:
      let checked = try check(arguments, builtin.rawValue, 0...1, at: span)
      let elements =
        checked.count == 0 ? [] : try collect(try iterable(checked[0]), at: checked[0].span)
      return builtin == .list ? makeList(elements) : makeTuple(elements)
    case .float: return try convertToFloat(arguments, span: span)
    case .int: return try convertToInt(arguments, span: span)
    case .str:
      let checked = try check(arguments, "str", 0...1, at: span)
      return .string(checked.count == 0 ? "" : try text(of: checked[0].object, at: span))
    case .bool:
      let checked = try check(arguments, "bool", 0...1, at: span)
      return .bool(checked.count == 1 && checked[0].object.isTruthy)
    case .tanh, .exp, .relu, .log, .sigmoid:
      let checked = try check(arguments, builtin.rawValue, 1...1, at: span)
      return try activation(builtin.rawValue, of: checked[0], span: span)
    case .neuron, .layer, .mlp:
      return try makeModel(builtin, arguments, span: span)
    }
  }

  /// The argument, if it is iterable.
  func iterable(_ argument: CallArgument) throws -> Object {
    guard isIterable(argument.object) else { throw notIterable(argument.object, at: argument.span) }
    return argument.object
  }

  // MARK: - Values

  /// `Value(data, label='')`, also `Value(data=2.0)`; micrograd's `_children` and `_op` are
  /// accepted only when empty.
  private func makeValue(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    var data: CallArgument?
    var label: CallArgument?
    for argument in arguments {
      switch argument.keyword?.name {
      case nil:
        guard data == nil else {
          throw error(
            "Value() takes 1 positional argument but \(arguments.filter { $0.keyword == nil }.count) were given",
            at: argument.span, notes: ["pass the label by name, as in Value(2.0, label='a')"])
        }
        data = argument
      case "data":
        guard data == nil else {
          throw error("Value() got multiple values for argument 'data'", at: argument.span)
        }
        data = argument
      case "label":
        label = argument
      case let name?:
        throw error(
          "Value() got an unexpected keyword argument '\(name)'",
          at: argument.keyword?.span ?? argument.span,
          notes: Suggestion.note(for: name, among: ["data", "label"]))
      }
    }
    guard let data else {
      throw error("Value() missing argument 'data'", at: span, notes: ["write Value(2.0)"])
    }
    guard let number = data.object.number else {
      var notes: [String] = []
      if case .value = data.object { notes = ["it is a Value already"] }
      throw error(
        "Value() data must be a number, not '\(data.object.typeName)'", at: data.span,
        notes: notes)
    }
    var text = ""
    if let label {
      guard case .string(let string) = label.object else {
        throw error("label must be a string, not '\(label.object.typeName)'", at: label.span)
      }
      text = string
    }
    return .value(Value(number.double, label: text, on: tape))
  }

  /// `draw_dot(root)`: records the value to draw. micrograd's `format` and `rankdir`
  /// keywords are accepted; the command line's options decide those.
  private func drawDot(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(
      arguments, "draw_dot", 1...1, keywords: ["format", "rankdir"], at: span)
    guard case .value(let root) = checked[0].object else {
      throw error(
        "draw_dot() needs a Value, not '\(checked[0].object.typeName)'", at: checked[0].span)
    }
    drawnRoot = root
    return .none
  }

  /// `tanh(x)`, `exp(x)`, `relu(x)`, `log(x)`, `sigmoid(x)`: the operation recorded on a
  /// `Value`, or computed on a number.
  private func activation(_ name: String, of argument: CallArgument, span: SourceSpan) throws
    -> Object
  {
    guard let method = ValueMethod(rawValue: name) else { return .none }
    if case .value(let value) = argument.object {
      return .value(try activation(method, of: value, at: argument.span))
    }
    let x = try number(argument, for: name)
    switch method {
    case .tanh: return .float(Foundation.tanh(x))
    case .exp: return .float(Foundation.exp(x))
    case .relu: return .float(x > 0 ? x : 0)
    case .sigmoid:
      return .float(
        x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x)))
    default:
      guard x > 0 else {
        throw error(
          "math domain error", at: argument.span, notes: ["log() needs a positive number"])
      }
      return .float(Foundation.log(x))
    }
  }

  // MARK: - Output

  /// `print(*objects, sep=' ', end='\n')`.
  private func print(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(
      arguments, "print", 0...Int.max, keywords: ["sep", "end", "flush", "file"], at: span)
    var separator = " "
    var terminator = "\n"
    for name in ["sep", "end"] {
      guard let argument = checked.keywords[name] else { continue }
      let text: String
      switch argument.object {
      case .string(let string): text = string
      case .none: text = name == "sep" ? " " : "\n"
      default:
        throw error(
          "\(name) must be None or a string, not '\(argument.object.typeName)'", at: argument.span)
      }
      if name == "sep" { separator = text } else { terminator = text }
    }
    if let file = checked.keywords["file"], !file.object.isNone {
      throw error("print() can only write to standard output here", at: file.span)
    }
    var texts: [String] = []
    for argument in checked.positional {
      texts.append(try text(of: argument.object, at: argument.span))
    }
    write(texts.joined(separator: separator) + terminator)
    return .none
  }

  // MARK: - Sequences

  private func range(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "range", 1...3, at: span)
    let values = try checked.positional.map { try integer($0, for: "") }
    let (start, stop, step) =
      values.count == 1
      ? (0, values[0], 1) : (values[0], values[1], values.count == 3 ? values[2] : 1)
    guard step != 0 else { throw error("range() arg 3 must not be zero", at: checked[2].span) }
    return .range(IntRange(start: start, stop: stop, step: step))
  }

  private func length(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "len", 1...1, at: span)
    switch checked[0].object {
    case .list(let storage), .tuple(let storage): return .int(storage.elements.count)
    case .string(let text): return .int(text.unicodeScalars.count)
    case .range(let range):
      guard range.exactCount <= UInt(Int.max) else {
        throw error("the range has more than \(Int.max) elements", at: checked[0].span)
      }
      return .int(range.count)
    case let object:
      var notes: [String] = []
      if case .value = object { notes = ["a Value is one number"] }
      throw error(
        "object of type '\(object.typeName)' has no len()", at: checked[0].span, notes: notes)
    }
  }

  /// `sum(iterable, start=0)`: `start + x0 + x1 + ...`, left to right as Python adds; with
  /// `Value`s this records a chain of `+` nodes starting at the constant 0, as micrograd's.
  private func sum(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "sum", 1...2, keywords: ["start"], at: span)
    var total =
      checked.count == 2 ? checked[1].object : checked.keywords["start"]?.object ?? .int(0)
    if case .string = total {
      throw error("sum() can't sum strings [use ''.join(seq) instead]", at: span)
    }
    for element in try collect(try iterable(checked[0]), at: checked[0].span) {
      try step(at: span)
      total = try binary(.add, total, element, operatorSpan: span, rightSpan: checked[0].span)
    }
    return total
  }

  /// `min(iterable)`, `min(a, b, ...)`, with `key=` and `default=`; likewise `max`.
  private func extreme(_ builtin: Builtin, _ arguments: [CallArgument], span: SourceSpan) throws
    -> Object
  {
    let name = builtin.rawValue
    let checked = try check(arguments, name, 1...Int.max, keywords: ["key", "default"], at: span)
    let candidates =
      checked.count == 1
      ? try collect(try iterable(checked[0]), at: checked[0].span)
      : checked.positional.map(\.object)
    guard var best = candidates.first else {
      if let fallback = checked.keywords["default"] { return fallback.object }
      throw error("\(name)() iterable argument is empty", at: span)
    }
    let key = checked.keywords["key"]
    func keyOf(_ object: Object) throws -> Object {
      guard let key else { return object }
      return try call(
        key.object, [CallArgument(object: object, span: span)], span: span, calleeSpan: key.span)
    }
    var bestKey = try keyOf(best)
    for candidate in candidates.dropFirst() {
      try step(at: span)
      let candidateKey = try keyOf(candidate)
      let better = try compare(candidateKey, builtin == .min ? .less : .greater, bestKey, at: span)
      if better {
        best = candidate
        bestKey = candidateKey
      }
    }
    return best
  }

  private func absolute(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "abs", 1...1, at: span)
    switch checked[0].object.number {
    case .int(let value)?:
      guard value != Int.min else {
        throw error("integer overflow: abs(\(value)) does not fit in 64 bits", at: span)
      }
      return .int(Swift.abs(value))
    case .float(let value)?:
      return .float(Swift.abs(value))
    case nil:
      var notes: [String] = []
      if case .value = checked[0].object {
        notes = ["micrograd's Value has no abs; x.relu() + (-x).relu() records |x| in the graph"]
      }
      throw error(
        "bad operand type for abs(): '\(checked[0].object.typeName)'", at: checked[0].span,
        notes: notes)
    }
  }

  /// `zip(a, b, ...)`: a list of tuples, as long as the shortest argument.
  private func zip(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "zip", 0...Int.max, at: span)
    let sequences = try checked.positional.map { try collect(try iterable($0), at: $0.span) }
    let count = sequences.map(\.count).min() ?? 0
    try charge(count, at: span)
    return makeList((0..<count).map { index in makeTuple(sequences.map { $0[index] }) })
  }

  /// `enumerate(iterable, start=0)`: a list of `(index, element)` tuples.
  private func enumerate(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "enumerate", 1...2, keywords: ["start"], at: span)
    let startArgument = checked.count == 2 ? checked[1] : checked.keywords["start"]
    let start = try startArgument.map { try integer($0, for: "enumerate") } ?? 0
    let elements = try collect(try iterable(checked[0]), at: checked[0].span)
    try charge(elements.count, at: span)
    return makeList(
      elements.enumerated().map { makeTuple([.int(start &+ $0.offset), $0.element]) })
  }

  /// `sorted(iterable, key=None, reverse=False)`: a new list, sorted stably.
  private func sorted(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "sorted", 1...1, keywords: ["key", "reverse"], at: span)
    let elements = try collect(try iterable(checked[0]), at: checked[0].span)
    return makeList(
      try sort(
        elements, key: checked.keywords["key"], reverse: checked.keywords["reverse"], at: span))
  }

  /// `elements` sorted by `key`, stably; `reverse` keeps equal elements in order, as Python.
  func sort(_ elements: [Object], key: CallArgument?, reverse: CallArgument?, at span: SourceSpan)
    throws -> [Object]
  {
    try charge(elements.count, at: span)
    var keyed: [(key: Object, element: Object, index: Int)] = []
    for (index, element) in elements.enumerated() {
      var keyObject = element
      if let key, !(key.object.isNone) {
        keyObject = try call(
          key.object, [CallArgument(object: element, span: span)], span: span, calleeSpan: key.span)
      }
      keyed.append((keyObject, element, index))
    }
    let descending = reverse?.object.isTruthy ?? false
    try keyed.sort { a, b in
      if try compare(a.key, .less, b.key, at: span) { return !descending }
      if try compare(b.key, .less, a.key, at: span) { return descending }
      return a.index < b.index
    }
    return keyed.map(\.element)
  }

  /// `round(x)` to an `int`, halves to even; `round(x, n)` to `n` decimals, as Python's
  /// correctly rounded `round`.
  private func round(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "round", 1...2, keywords: ["ndigits"], at: span)
    let digitsArgument = checked.count == 2 ? checked[1] : checked.keywords["ndigits"]
    let digits: Int? =
      if let digitsArgument, !digitsArgument.object.isNone {
        try integer(digitsArgument, for: "round")
      } else { nil }
    switch checked[0].object.number {
    case .int(let value)?:
      guard let digits, digits < 0 else { return .int(value) }
      guard digits > -19 else { return .int(0) }
      let power = (0..<(-digits)).reduce(1) { product, _ in product * 10 }
      let remainder = value % power
      var result = value - remainder
      let twice = 2 * Swift.abs(remainder)
      if twice > power || (twice == power && (result / power) % 2 != 0) {
        result += value < 0 ? -power : power
      }
      return .int(result)
    case .float(let value)?:
      guard let digits else {
        guard value.isFinite else {
          throw error(
            value.isNaN
              ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer",
            at: span)
        }
        let rounded = value.rounded(.toNearestOrEven)
        guard let result = Int(exactly: rounded) else {
          throw error(
            "integer overflow: round(\(PythonFormat.float(value))) does not fit in 64 bits",
            at: span)
        }
        return .int(result)
      }
      guard value.isFinite else { return .float(value) }
      if digits >= 0 {
        return .float(Double(String(format: "%.\(min(digits, 400))f", value)) ?? value)
      }
      let power = Foundation.pow(10, Double(-digits))
      return .float((value / power).rounded(.toNearestOrEven) * power)
    case nil:
      var notes: [String] = []
      if case .value = checked[0].object { notes = ["round its data: round(x.data, 4)"] }
      throw error(
        "type \(checked[0].object.typeName) doesn't define __round__ method", at: checked[0].span,
        notes: notes)
    }
  }

  /// `map(f, iterable, ...)`: a list of `f` applied to the elements.
  private func map(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "map", 2...Int.max, at: span)
    let sequences = try checked.positional.dropFirst().map {
      try collect(try iterable($0), at: $0.span)
    }
    let count = sequences.map(\.count).min() ?? 0
    var results: [Object] = []
    for index in 0..<count {
      let callArguments = sequences.map { CallArgument(object: $0[index], span: span) }
      results.append(
        try call(checked[0].object, callArguments, span: span, calleeSpan: checked[0].span))
    }
    return makeList(results)
  }

  /// `filter(f, iterable)`: a list of the elements for which `f` is true (or which are
  /// true, for `None`).
  private func filter(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "filter", 2...2, at: span)
    var results: [Object] = []
    for element in try collect(try iterable(checked[1]), at: checked[1].span) {
      let keep =
        checked[0].object.isNone
        ? element.isTruthy
        : try call(
          checked[0].object, [CallArgument(object: element, span: span)], span: span,
          calleeSpan: checked[0].span
        ).isTruthy
      if keep { results.append(element) }
    }
    return makeList(results)
  }

  /// `isinstance(x, T)` or `isinstance(x, (T1, T2))`.
  private func isInstance(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "isinstance", 2...2, at: span)
    var types: [Object] = [checked[1].object]
    if case .tuple(let storage) = checked[1].object { types = storage.elements }
    for type in types {
      guard case .builtin(let builtin) = type, builtin.isType else {
        throw error("isinstance() arg 2 must be a type or tuple of types", at: checked[1].span)
      }
      let object = checked[0].object
      let matches: Bool =
        switch builtin {
        case .value: if case .value = object { true } else { false }
        case .int:
          if case .int = object { true } else if case .bool = object { true } else { false }
        case .float: if case .float = object { true } else { false }
        case .str: if case .string = object { true } else { false }
        case .bool: if case .bool = object { true } else { false }
        case .list: if case .list = object { true } else { false }
        case .tuple: if case .tuple = object { true } else { false }
        case .neuron, .layer, .mlp:
          if case .model(let model) = object { model.typeName == builtin.rawValue } else { false }
        default: false
        }
      if matches { return .bool(true) }
    }
    return .bool(false)
  }

  // MARK: - Conversions

  private func convertToFloat(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "float", 0...1, at: span)
    guard checked.count == 1 else { return .float(0) }
    let argument = checked[0]
    if let number = argument.object.number { return .float(number.double) }
    if case .string(let text) = argument.object {
      let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(
        of: "_", with: "")
      let special: [String: Double] = [
        "inf": .infinity, "+inf": .infinity, "-inf": -.infinity, "infinity": .infinity,
        "+infinity": .infinity, "-infinity": -.infinity, "nan": .nan, "+nan": .nan, "-nan": .nan,
      ]
      if let value = special[trimmed] { return .float(value) }
      let isNumeric = !trimmed.isEmpty && trimmed.allSatisfy { "0123456789.e+-".contains($0) }
      if isNumeric, let value = Double(trimmed) { return .float(value) }
      throw error("could not convert string to float: \(Self.quoted(text))", at: argument.span)
    }
    var notes: [String] = []
    if case .value = argument.object { notes = ["its number is x.data"] }
    throw error(
      "float() argument must be a string or a real number, not '\(argument.object.typeName)'",
      at: argument.span, notes: notes)
  }

  private func convertToInt(_ arguments: [CallArgument], span: SourceSpan) throws -> Object {
    let checked = try check(arguments, "int", 0...1, at: span)
    guard checked.count == 1 else { return .int(0) }
    let argument = checked[0]
    switch argument.object {
    case .int(let value): return .int(value)
    case .bool(let value): return .int(value ? 1 : 0)
    case .float(let value):
      guard value.isFinite else {
        throw error(
          value.isNaN
            ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer",
          at: argument.span)
      }
      guard let result = Int(exactly: value.rounded(.towardZero)) else {
        throw error(
          "integer overflow: int(\(PythonFormat.float(value))) does not fit in 64 bits",
          at: argument.span)
      }
      return .int(result)
    case .string(let text):
      let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(
        of: "_", with: "")
      guard let value = Int(trimmed) else {
        throw error(
          "invalid literal for int() with base 10: \(Self.quoted(text))", at: argument.span)
      }
      return .int(value)
    default:
      var notes: [String] = []
      if case .value = argument.object { notes = ["its number is x.data"] }
      throw error(
        "int() argument must be a string or a real number, not '\(argument.object.typeName)'",
        at: argument.span, notes: notes)
    }
  }
}

extension Evaluator.CallArgument {
  /// A positional argument made by a builtin, such as the element passed to a `key`.
  init(object: Object, span: SourceSpan) {
    self.init(keyword: nil, object: object, span: span)
  }
}

extension Object {
  var isNone: Bool {
    if case .none = self { return true }
    return false
  }
}
