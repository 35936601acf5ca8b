import Autograd
import Foundation

/// Methods: of a `Value`, of lists, tuples and strings, and the functions of the `math` and
/// `random` modules.
extension Evaluator {
  func callMethod(
    _ name: String, of receiver: Object, _ arguments: [CallArgument], span: SourceSpan
  )
    throws -> Object
  {
    switch receiver {
    case .value(let value):
      guard let method = ValueMethod(rawValue: name) else { break }
      return try call(method, of: value, arguments, span: span)
    case .list(let storage), .tuple(let storage):
      guard let method = ListMethod(rawValue: name) else { break }
      return try call(method, of: storage, arguments, span: span)
    case .string(let text):
      guard let method = StringMethod(rawValue: name) else { break }
      return try call(method, of: text, arguments, span: span)
    case .module(.math):
      guard let function = Module.MathFunction(rawValue: name) else { break }
      return try call(function, arguments, span: span)
    case .module(.random):
      guard let function = Module.RandomFunction(rawValue: name) else { break }
      return try call(function, arguments, span: span)
    case .model(let model):
      return try callMethod(name, of: model, arguments, span: span)
    default:
      break
    }
    throw error("'\(receiver.typeName)' object has no method '\(name)'", at: span)
  }

  // MARK: - Value

  private func call(
    _ method: ValueMethod, of value: Value, _ arguments: [CallArgument], span: SourceSpan
  )
    throws -> Object
  {
    _ = try check(arguments, method.rawValue, 0...0, at: span)
    switch method {
    case .tanh, .exp, .relu, .log, .sigmoid:
      return .value(try activation(method, of: value, at: span))
    case .backward:
      value.backward()
      scriptSetGradients = true
    case .backwardStep:
      value.backwardStep()
      scriptSetGradients = true
    }
    return .none
  }

  /// `x.tanh()` and the other activations of a `Value`.
  ///
  /// - Throws: `math domain error` for the log of a number that is not positive.
  func activation(_ method: ValueMethod, of value: Value, at span: SourceSpan) throws -> Value {
    switch method {
    case .tanh: return value.tanh()
    case .exp: return value.exp()
    case .relu: return value.relu()
    case .sigmoid: return value.sigmoid()
    case .log:
      do {
        return try value.log()
      } catch {
        throw self.error(
          "math domain error", at: span,
          notes: ["log() needs a positive number; the Value is \(value.description)"])
      }
    case .backward, .backwardStep:
      preconditionFailure("\(method) is not an activation")
    }
  }

  // MARK: - Lists and tuples

  private func call(
    _ method: ListMethod, of storage: ListStorage, _ arguments: [CallArgument], span: SourceSpan
  ) throws -> Object {
    let name = method.rawValue
    switch method {
    case .append:
      let checked = try check(arguments, name, 1...1, at: span)
      try checkLength(storage.elements.count + 1, at: span)
      storage.elements.append(checked[0].object)
    case .extend:
      let checked = try check(arguments, name, 1...1, at: span)
      let added = try collect(try iterable(checked[0]), at: checked[0].span)
      try charge(added.count, at: span)
      try checkLength(storage.elements.count + added.count, at: span)
      storage.elements += added
    case .insert:
      let checked = try check(arguments, name, 2...2, at: span)
      let count = storage.elements.count
      var index = try integer(checked[0], for: name)
      if index < 0 { index = max(0, index &+ count) }
      try checkLength(count + 1, at: span)
      storage.elements.insert(checked[1].object, at: min(index, count))
    case .pop:
      let checked = try check(arguments, name, 0...1, at: span)
      guard !storage.elements.isEmpty else { throw error("pop from empty list", at: span) }
      var index = try checked.count == 1 ? integer(checked[0], for: name) : -1
      if index < 0 { index = index &+ storage.elements.count }
      guard index >= 0, index < storage.elements.count else {
        throw error("pop index out of range", at: checked[0].span)
      }
      return storage.elements.remove(at: index)
    case .remove, .index:
      let checked = try check(arguments, name, 1...1, at: span)
      for (index, element) in storage.elements.enumerated()
      where try equal(element, checked[0].object, at: span) {
        if method == .index { return .int(index) }
        storage.elements.remove(at: index)
        return .none
      }
      throw error(
        "\(try repr(of: checked[0].object, at: span)) is not in list", at: checked[0].span)
    case .count:
      let checked = try check(arguments, name, 1...1, at: span)
      var count = 0
      for element in storage.elements where try equal(element, checked[0].object, at: span) {
        count += 1
      }
      return .int(count)
    case .clear:
      _ = try check(arguments, name, 0...0, at: span)
      storage.elements = []
    case .reverse:
      _ = try check(arguments, name, 0...0, at: span)
      storage.elements.reverse()
    case .sort:
      let checked = try check(arguments, name, 0...0, keywords: ["key", "reverse"], at: span)
      storage.elements = try sort(
        storage.elements, key: checked.keywords["key"], reverse: checked.keywords["reverse"],
        at: span)
    case .copy:
      _ = try check(arguments, name, 0...0, at: span)
      try charge(storage.elements.count, at: span)
      return makeList(storage.elements)
    }
    return .none
  }

  // MARK: - Strings

  private func string(_ argument: CallArgument, for name: String) throws -> String {
    guard case .string(let text) = argument.object else {
      throw error(
        "\(name)() argument must be str, not \(argument.object.typeName)", at: argument.span)
    }
    return text
  }

  private func call(
    _ method: StringMethod, of text: String, _ arguments: [CallArgument], span: SourceSpan
  )
    throws -> Object
  {
    let name = method.rawValue
    switch method {
    case .format:
      return .string(try formatMethod(text, arguments, span: span))
    case .join:
      let checked = try check(arguments, name, 1...1, at: span)
      var parts: [String] = []
      for element in try collect(try iterable(checked[0]), at: checked[0].span) {
        guard case .string(let part) = element else {
          throw error(
            "sequence item \(parts.count): expected str instance, \(element.typeName) found",
            at: checked[0].span)
        }
        parts.append(part)
      }
      let joined = parts.joined(separator: text)
      try checkLength(joined.utf8.count, at: span, what: "string")
      try chargeText(joined.utf8.count, at: span)
      return .string(joined)
    case .split:
      let checked = try check(arguments, name, 0...1, keywords: ["sep"], at: span)
      let separatorArgument = checked.count == 1 ? checked[0] : checked.keywords["sep"]
      if let separatorArgument, !separatorArgument.object.isNone {
        let separator = try string(separatorArgument, for: name)
        guard !separator.isEmpty else { throw error("empty separator", at: separatorArgument.span) }
        return makeList(text.components(separatedBy: separator).map { .string($0) })
      }
      return makeList(text.split(whereSeparator: \.isWhitespace).map { .string(String($0)) })
    case .strip, .lstrip, .rstrip:
      let checked = try check(arguments, name, 0...1, at: span)
      let characters: Set<Character> =
        if checked.count == 1, !checked[0].object.isNone {
          Set(try string(checked[0], for: name))
        } else { [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"] }
      var result = Substring(text)
      if method != .rstrip { result = result.drop { characters.contains($0) } }
      if method != .lstrip {
        while let last = result.last, characters.contains(last) { result.removeLast() }
      }
      return .string(String(result))
    case .upper, .lower, .title, .capitalize:
      _ = try check(arguments, name, 0...0, at: span)
      switch method {
      case .upper: return .string(text.uppercased())
      case .lower: return .string(text.lowercased())
      case .title: return .string(text.capitalized)
      default: return .string(text.prefix(1).uppercased() + text.dropFirst().lowercased())
      }
    case .isdigit, .isalpha:
      _ = try check(arguments, name, 0...0, at: span)
      let test: (Character) -> Bool = method == .isdigit ? { $0.isNumber } : { $0.isLetter }
      return .bool(!text.isEmpty && text.allSatisfy(test))
    case .replace:
      let checked = try check(arguments, name, 2...2, at: span)
      let old = try string(checked[0], for: name)
      let new = try string(checked[1], for: name)
      guard !old.isEmpty else { return .string(text) }
      let replaced = text.replacingOccurrences(of: old, with: new)
      try checkLength(replaced.utf8.count, at: span, what: "string")
      try chargeText(replaced.utf8.count, at: span)
      return .string(replaced)
    case .startswith, .endswith:
      let checked = try check(arguments, name, 1...1, at: span)
      let part = try string(checked[0], for: name)
      return .bool(method == .startswith ? text.hasPrefix(part) : text.hasSuffix(part))
    case .ljust, .rjust, .center:
      let checked = try check(arguments, name, 1...2, at: span)
      let width = try integer(checked[0], for: name)
      let fill = checked.count == 2 ? try string(checked[1], for: name) : " "
      guard fill.count == 1 else {
        throw error("The fill character must be exactly one character long", at: checked[1].span)
      }
      try checkLength(width, at: span, what: "string")
      try chargeText(width, at: span)
      let align: Character = method == .ljust ? "<" : method == .rjust ? ">" : "^"
      var spec = try FormatSpec("")
      spec.fill = fill.first ?? " "
      spec.align = align
      spec.width = max(0, width)
      return .string((try? spec.apply(to: .string(text), text: text)) ?? text)
    case .zfill:
      let checked = try check(arguments, name, 1...1, at: span)
      let width = try integer(checked[0], for: name)
      try checkLength(width, at: span, what: "string")
      try chargeText(width, at: span)
      let missing = width - text.count
      guard missing > 0 else { return .string(text) }
      let zeros = String(repeating: "0", count: missing)
      if let first = text.first, first == "-" || first == "+" {
        return .string(String(first) + zeros + text.dropFirst())
      }
      return .string(zeros + text)
    case .count, .find:
      let checked = try check(arguments, name, 1...1, at: span)
      let part = try string(checked[0], for: name)
      if method == .count {
        guard !part.isEmpty else { return .int(text.unicodeScalars.count + 1) }
        return .int(text.components(separatedBy: part).count - 1)
      }
      guard let range = text.range(of: part) else { return .int(-1) }
      return .int(text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound))
    }
  }

  /// `'{} and {:.2f}'.format(a, b)`: fields numbered automatically or by position, or named by
  /// keyword, with a conversion and a format spec.
  private func formatMethod(_ template: String, _ arguments: [CallArgument], span: SourceSpan)
    throws -> String
  {
    let positional = arguments.filter { $0.keyword == nil }
    var named: [String: Object] = [:]
    for argument in arguments {
      if let keyword = argument.keyword { named[keyword.name] = argument.object }
    }
    var result = ""
    var automatic = 0
    var characters = Array(template)[...]
    func failure(_ message: String) -> ScriptError { error(message, at: span) }
    while let character = characters.popFirst() {
      if character == "}" {
        guard characters.first == "}" else {
          throw failure("Single '}' encountered in format string")
        }
        characters.removeFirst()
        result.append("}")
        continue
      }
      guard character == "{" else {
        result.append(character)
        continue
      }
      if characters.first == "{" {
        characters.removeFirst()
        result.append("{")
        continue
      }
      var field = ""
      while let next = characters.popFirst(), next != "}" { field.append(next) }
      var spec = ""
      if let colon = field.firstIndex(of: ":") {
        spec = String(field[field.index(after: colon)...])
        field = String(field[..<colon])
      }
      var conversion: Character?
      if let bang = field.firstIndex(of: "!") {
        conversion = field[field.index(after: bang)...].first
        field = String(field[..<bang])
      }
      let object: Object
      if field.isEmpty {
        guard automatic < positional.count else {
          throw failure("Replacement index \(automatic) out of range for positional args tuple")
        }
        object = positional[automatic].object
        automatic += 1
      } else if let index = Int(field) {
        guard index >= 0, index < positional.count else {
          throw failure("Replacement index \(index) out of range for positional args tuple")
        }
        object = positional[index].object
      } else {
        guard let value = named[field] else { throw failure("KeyError: '\(field)'") }
        object = value
      }
      var converted = object
      if conversion == "r" { converted = .string(try repr(of: object, at: span)) }
      if conversion == "s" { converted = .string(try text(of: object, at: span)) }
      result += try format(converted, spec: spec, at: span)
      try checkLength(result.utf8.count, at: span, what: "string")
    }
    try chargeText(result.utf8.count, at: span)
    return result
  }

  // MARK: - math

  private func call(_ function: Module.MathFunction, _ arguments: [CallArgument], span: SourceSpan)
    throws -> Object
  {
    let name = "math." + function.rawValue
    switch function {
    case .isclose:
      let checked = try check(arguments, name, 2...2, keywords: ["rel_tol", "abs_tol"], at: span)
      let a = try number(checked[0], for: name)
      let b = try number(checked[1], for: name)
      let relative = try checked.keywords["rel_tol"].map { try number($0, for: name) } ?? 1e-9
      let absolute = try checked.keywords["abs_tol"].map { try number($0, for: name) } ?? 0
      if a == b { return .bool(true) }
      if a.isInfinite || b.isInfinite { return .bool(false) }
      let difference = Swift.abs(a - b)
      return .bool(
        difference <= Swift.abs(relative * b) || difference <= Swift.abs(relative * a)
          || difference <= absolute)
    case .pow, .atan2, .hypot:
      let checked = try check(arguments, name, 2...2, at: span)
      let x = try number(checked[0], for: name)
      let y = try number(checked[1], for: name)
      switch function {
      case .pow:
        if x < 0, y != y.rounded() || (x == 0 && y < 0) {
          throw error("math domain error", at: span)
        }
        if x == 0, y < 0 { throw error("math domain error", at: span) }
        return .float(Foundation.pow(x, y))
      case .atan2: return .float(Foundation.atan2(x, y))
      default: return .float(Foundation.hypot(x, y))
      }
    case .log:
      let checked = try check(arguments, name, 1...2, at: span)
      let x = try number(checked[0], for: name)
      guard x > 0 else { throw domainError(name, checked[0]) }
      guard checked.count == 2 else { return .float(Foundation.log(x)) }
      let base = try number(checked[1], for: name)
      guard base > 0, base != 1 else { throw domainError(name, checked[1]) }
      return .float(Foundation.log(x) / Foundation.log(base))
    case .floor, .ceil:
      let checked = try check(arguments, name, 1...1, at: span)
      if let integer = checked[0].object.integer { return .int(integer) }
      let x = try number(checked[0], for: name)
      guard x.isFinite,
        let result = Int(exactly: function == .floor ? x.rounded(.down) : x.rounded(.up))
      else {
        throw error(
          x.isNaN
            ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer",
          at: span)
      }
      return .int(result)
    case .isnan, .isinf, .isfinite:
      let checked = try check(arguments, name, 1...1, at: span)
      let x = try number(checked[0], for: name)
      return .bool(function == .isnan ? x.isNaN : function == .isinf ? x.isInfinite : x.isFinite)
    default:
      let checked = try check(arguments, name, 1...1, at: span)
      let x = try number(checked[0], for: name)
      let result: Double
      switch function {
      case .exp:
        result = Foundation.exp(x)
        if result.isInfinite, x.isFinite {
          throw error(
            "math range error", at: span, notes: ["exp(\(PythonFormat.float(x))) overflows a float"]
          )
        }
      case .log2, .log10:
        guard x > 0 else { throw domainError(name, checked[0]) }
        result = function == .log2 ? Foundation.log2(x) : Foundation.log10(x)
      case .sqrt:
        guard x >= 0 else { throw domainError(name, checked[0]) }
        result = x.squareRoot()
      case .tanh: result = Foundation.tanh(x)
      case .sinh: result = Foundation.sinh(x)
      case .cosh: result = Foundation.cosh(x)
      case .sin: result = Foundation.sin(x)
      case .cos: result = Foundation.cos(x)
      case .tan: result = Foundation.tan(x)
      case .atan: result = Foundation.atan(x)
      case .asin, .acos:
        guard Swift.abs(x) <= 1 else { throw domainError(name, checked[0]) }
        result = function == .asin ? Foundation.asin(x) : Foundation.acos(x)
      case .fabs: result = Swift.abs(x)
      case .erf: result = Foundation.erf(x)
      default: result = x
      }
      return .float(result)
    }
  }

  private func domainError(_ name: String, _ argument: CallArgument) -> ScriptError {
    error(
      "math domain error", at: argument.span,
      notes: [
        "\(name)() is not defined at \(PythonFormat.float(argument.object.number?.double ?? .nan))"
      ])
  }

  // MARK: - random

  private func call(
    _ function: Module.RandomFunction, _ arguments: [CallArgument], span: SourceSpan
  )
    throws -> Object
  {
    let name = "random." + function.rawValue
    switch function {
    case .seed:
      let checked = try check(arguments, name, 0...1, at: span)
      random.seed(checked.count == 1 ? try integer(checked[0], for: name) : 0)
      return .none
    case .random:
      _ = try check(arguments, name, 0...0, at: span)
      return .float(random.random())
    case .uniform:
      let checked = try check(arguments, name, 2...2, at: span)
      let a = try number(checked[0], for: name)
      let b = try number(checked[1], for: name)
      return .float(a + (b - a) * random.random())
    case .gauss:
      let checked = try check(arguments, name, 0...2, keywords: ["mu", "sigma"], at: span)
      let mu =
        try (checked.count > 0 ? checked[0] : checked.keywords["mu"]).map {
          try number($0, for: name)
        } ?? 0
      let sigma =
        try (checked.count > 1 ? checked[1] : checked.keywords["sigma"]).map {
          try number($0, for: name)
        } ?? 1
      return .float(random.gauss(mu, sigma))
    case .randint, .randrange:
      let checked = try check(arguments, name, function == .randint ? 2...2 : 1...2, at: span)
      let low = checked.count == 2 ? try integer(checked[0], for: name) : 0
      var high = try integer(checked[checked.count - 1], for: name)
      if function == .randint { high = high &+ 1 }
      guard high > low else { throw error("empty range for \(name)()", at: span) }
      let (width, overflow) = high.subtractingReportingOverflow(low)
      guard !overflow else { throw error("range too large for \(name)()", at: span) }
      return .int(low + random.below(width))
    case .choice:
      let checked = try check(arguments, name, 1...1, at: span)
      let elements = try collect(try iterable(checked[0]), at: checked[0].span)
      guard !elements.isEmpty else { throw error("cannot choose from an empty sequence", at: span) }
      return elements[random.below(elements.count)]
    case .shuffle:
      let checked = try check(arguments, name, 1...1, at: span)
      guard case .list(let storage) = checked[0].object else {
        throw error(
          "shuffle() needs a list, not '\(checked[0].object.typeName)'", at: checked[0].span)
      }
      try charge(storage.elements.count, at: span)
      var index = storage.elements.count - 1
      while index > 0 {
        let other = random.below(index + 1)
        storage.elements.swapAt(index, other)
        index -= 1
      }
      return .none
    }
  }
}
