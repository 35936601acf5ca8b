import Autograd

/// Objects as text: Python's `str()` and `repr()`, and `format()` with a format spec.
extension Evaluator {
  /// `str(object)`: strings as they are, everything else as `repr` shows it.
  func text(of object: Object, at span: SourceSpan) throws -> String {
    if case .string(let string) = object { return string }
    return try repr(of: object, at: span)
  }

  /// `repr(object)`: `'a'` for a string, `[1, 'a']` for a list, `Value(data=4.0)`.
  ///
  /// A list that contains itself shows as `[...]` there, as in Python.
  ///
  /// - Throws: when lists nest deeper than ``Limits/maxObjectDepth``.
  func repr(of object: Object, at span: SourceSpan) throws -> String {
    var open: [ObjectIdentifier] = []
    var text = ""
    try appendRepr(of: object, to: &text, open: &open, at: span)
    try chargeText(text.utf8.count, at: span)
    return text
  }

  private func appendRepr(
    of object: Object, to text: inout String, open: inout [ObjectIdentifier], at span: SourceSpan
  ) throws {
    switch object {
    case .list(let storage), .tuple(let storage):
      let isList = if case .list = object { true } else { false }
      let identity = ObjectIdentifier(storage)
      if open.contains(identity) {
        text += isList ? "[...]" : "(...)"
        return
      }
      guard open.count < Limits.maxObjectDepth else {
        throw error(
          "maximum recursion depth exceeded while getting the repr of an object",
          at: span,
          notes: ["lists nested more than \(Limits.maxObjectDepth) deep cannot be printed"])
      }
      open.append(identity)
      defer { open.removeLast() }
      text += isList ? "[" : "("
      for (index, element) in storage.elements.enumerated() {
        if index > 0 { text += ", " }
        try appendRepr(of: element, to: &text, open: &open, at: span)
        if text.utf8.count > Limits.maxStringLength {
          throw error(
            "string too long", at: span,
            notes: ["strings are limited to \(Limits.maxStringLength) characters"])
        }
      }
      if !isList, storage.elements.count == 1 { text += "," }
      text += isList ? "]" : ")"
    case .method(let receiver, let name):
      switch receiver {
      case .module: text += "<built-in function \(name)>"
      default:
        text += "<bound method \(receiver.typeName).\(name) of "
        try appendRepr(of: receiver, to: &text, open: &open, at: span)
        text += ">"
      }
    default:
      text += Self.plainRepr(object)
    }
  }

  /// The repr of an object that holds no other objects.
  static func plainRepr(_ object: Object) -> String {
    switch object {
    case .none: "None"
    case .bool(let value): value ? "True" : "False"
    case .int(let value): String(value)
    case .float(let value): PythonFormat.float(value)
    case .string(let value): quoted(value)
    case .value(let value): value.description
    case .range(let range):
      range.step == 1
        ? "range(\(range.start), \(range.stop))"
        : "range(\(range.start), \(range.stop), \(range.step))"
    case .function(let function): "<function \(function.definition.name)>"
    case .builtin(let builtin):
      builtin.isType ? "<class '\(builtin.rawValue)'>" : "<built-in function \(builtin.rawValue)>"
    case .module(let module): "<module '\(module.rawValue)'>"
    case .skipped: "<skipped>"
    case .model(let model): model.description
    case .slice(let bounds):
      "slice(\(bounds.start.map(String.init) ?? "None"), \(bounds.stop.map(String.init) ?? "None"), \(bounds.step))"
    case .list, .tuple, .method: ""
    }
  }

  /// A string as Python's `repr` quotes it: single quotes unless the text has a single quote
  /// and no double quote; backslash escapes for quotes, backslashes and control characters.
  static func quoted(_ string: String) -> String {
    let quote: Unicode.Scalar = string.contains("'") && !string.contains("\"") ? "\"" : "'"
    var result = String.UnicodeScalarView()
    result.append(quote)
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\\": result.append(contentsOf: "\\\\".unicodeScalars)
      case "\n": result.append(contentsOf: "\\n".unicodeScalars)
      case "\r": result.append(contentsOf: "\\r".unicodeScalars)
      case "\t": result.append(contentsOf: "\\t".unicodeScalars)
      case quote:
        result.append("\\")
        result.append(quote)
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          result.append(contentsOf: ("\\x" + (hex.count < 2 ? "0" : "") + hex).unicodeScalars)
        } else {
          result.append(scalar)
        }
      }
    }
    result.append(quote)
    return String(result)
  }

  /// `format(object, spec)`.
  ///
  /// - Throws: for a spec Python would reject, at `span`; a `Value` with a spec gets a note
  ///   to format its data.
  func format(_ object: Object, spec: String, at span: SourceSpan) throws -> String {
    if spec.isEmpty { return try text(of: object, at: span) }
    do {
      let parsed = try FormatSpec(spec)
      return try parsed.apply(to: object, text: try text(of: object, at: span))
    } catch let failure as FormatSpec.Failure {
      var notes: [String] = []
      if case .value = object { notes = ["format its data instead, as in {x.data:\(spec)}"] }
      throw error(failure.message, at: span, notes: notes)
    }
  }
}

extension Evaluator {
  /// `template % arguments`, Python's printf-style formatting: `%s %r %d %i %f %e %g %x %o
  /// %c %%` with flags `- + space # 0`, a width and a precision (`*` takes them from the
  /// arguments). `arguments` is a tuple of values, or a single value.
  func percentFormat(_ template: String, _ arguments: Object, at span: SourceSpan) throws -> String
  {
    let values: [Object] =
      if case .tuple(let storage) = arguments { storage.elements } else { [arguments] }
    var next = 0
    func take() throws -> Object {
      guard next < values.count else {
        throw error("not enough arguments for format string", at: span)
      }
      defer { next += 1 }
      return values[next]
    }
    var result = ""
    var characters = Array(template)[...]
    var offset = 0
    while let character = characters.popFirst() {
      offset += 1
      guard character == "%" else {
        result.append(character)
        continue
      }
      var flags = Set<Character>()
      while let flag = characters.first, "-+ #0".contains(flag) {
        flags.insert(flag)
        characters.removeFirst()
      }
      func readNumber() throws -> Int? {
        if characters.first == "*" {
          characters.removeFirst()
          guard let value = try take().integer else { throw error("* wants int", at: span) }
          return min(value, 10_000)
        }
        var digits = ""
        while let digit = characters.first, digit.isASCII, digit.isNumber {
          digits.append(digit)
          characters.removeFirst()
        }
        return digits.isEmpty ? nil : min(Int(digits) ?? 0, 10_000)
      }
      var spec = try FormatSpec("")
      spec.width = max(0, try readNumber() ?? 0)
      if characters.first == "." {
        characters.removeFirst()
        spec.precision = min(try readNumber() ?? 0, 1_000)
      }
      while let modifier = characters.first, "hlL".contains(modifier) { characters.removeFirst() }
      guard let type = characters.popFirst() else {
        throw error("incomplete format", at: span)
      }
      if type == "%" {
        result.append("%")
        continue
      }
      // printf pads on the left unless '-' asks for the right, for text as for numbers.
      spec.align = ">"
      if flags.contains("-") {
        spec.align = "<"
      } else if flags.contains("0") {
        spec.fill = "0"
        spec.align = "="
      }
      if flags.contains("+") { spec.sign = "+" } else if flags.contains(" ") { spec.sign = " " }
      spec.alternate = flags.contains("#")
      let value = try take()
      var formatted: Object = value
      switch type {
      case "s", "r", "a":
        let text = type == "s" ? try self.text(of: value, at: span) : try repr(of: value, at: span)
        formatted = .string(text)
        if spec.align == "=" {
          spec.align = ">"
          spec.fill = " "
        }
      case "d", "i", "u":
        guard let number = value.number else {
          throw error("%\(type) format: a real number is required, not \(value.typeName)", at: span)
        }
        switch number {
        case .int(let integer): formatted = .int(integer)
        case .float(let float):
          guard float.isFinite, let integer = Int(exactly: float.rounded(.towardZero)) else {
            throw error("cannot convert float \(PythonFormat.float(float)) to integer", at: span)
          }
          formatted = .int(integer)
        }
        spec.type = "d"
        spec.precision = nil
      case "f", "F", "e", "E", "g", "G":
        guard let number = value.number else {
          var notes: [String] = []
          if case .value = value { notes = ["format its data: '%.4f' % x.data"] }
          throw error(
            "must be real number, not \(value.typeName)", at: span, notes: notes)
        }
        formatted = .float(number.double)
        spec.type = type
      case "x", "X", "o":
        guard let integer = value.integer else {
          throw error("%\(type) format: an integer is required, not \(value.typeName)", at: span)
        }
        formatted = .int(integer)
        spec.type = type
        spec.precision = nil
      case "c":
        if case .string(let text) = value, text.count == 1 {
          formatted = value
        } else if let integer = value.integer,
          let scalar = Unicode.Scalar(UInt32(clamping: max(0, integer)))
        {
          formatted = .string(String(Character(scalar)))
        } else {
          throw error("%c requires an int or a unicode character", at: span)
        }
      default:
        let code = String(type.unicodeScalars.first?.value ?? 0, radix: 16)
        throw error(
          "unsupported format character '\(type)' (0x\(code)) at index \(template.count - characters.count - 1)",
          at: span)
      }
      do {
        result += try spec.apply(to: formatted, text: try self.text(of: formatted, at: span))
      } catch let failure as FormatSpec.Failure {
        throw error(failure.message, at: span)
      }
      try checkLength(result.utf8.count, at: span, what: "string")
    }
    if next < values.count {
      throw error("not all arguments converted during string formatting", at: span)
    }
    try chargeText(result.utf8.count, at: span)
    return result
  }
}
