import Foundation

/// A JSON Schema validator for the keywords the export's schema uses: `type`, `const`,
/// `enum`, `required`, `properties`, `additionalProperties: false`, `items`, `minItems`,
/// `minimum`, `anyOf` and local `$ref`s. An unknown keyword is an error, so the schema cannot
/// grow a rule that this validator silently skips.
struct JSONSchema {
  let root: [String: Any]

  init(_ schema: [String: Any]) { root = schema }

  /// The schema in the ```` ```json schema ```` block of a Markdown file.
  static func fromMarkdown(_ text: String) throws -> JSONSchema {
    guard let start = text.range(of: "```json schema\n"),
      let end = text.range(of: "\n```", range: start.upperBound..<text.endIndex)
    else { throw Failure("no ```json schema block") }
    let json = try JSONSerialization.jsonObject(
      with: Data(text[start.upperBound..<end.lowerBound].utf8))
    guard let schema = json as? [String: Any] else { throw Failure("the schema is not an object") }
    return JSONSchema(schema)
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }

  /// The places where `instance` breaks the schema; empty when it is valid.
  func errors(_ instance: Any) -> [String] {
    var errors: [String] = []
    check(instance, against: root, at: "$", into: &errors)
    return errors
  }

  private static let known: Set<String> = [
    "$schema", "title", "$defs", "$ref", "type", "const", "enum", "required", "properties",
    "additionalProperties", "items", "minItems", "minimum", "anyOf",
  ]

  private func check(
    _ value: Any, against schema: [String: Any], at path: String, into errors: inout [String]
  ) {
    for key in schema.keys where !Self.known.contains(key) {
      errors.append("\(path): the validator does not know the keyword \(key)")
    }
    if let ref = schema["$ref"] as? String {
      let name = ref.replacingOccurrences(of: "#/$defs/", with: "")
      guard let defs = root["$defs"] as? [String: Any], let target = defs[name] as? [String: Any]
      else { return errors.append("\(path): unresolved \(ref)") }
      check(value, against: target, at: path, into: &errors)
    }
    if let type = schema["type"] as? String, !Self.has(value, type: type) {
      errors.append("\(path): not of type \(type): \(value)")
    }
    if let constant = schema["const"], !Self.equal(value, constant) {
      errors.append("\(path): not \(constant): \(value)")
    }
    if let choices = schema["enum"] as? [Any], !choices.contains(where: { Self.equal(value, $0) }) {
      errors.append("\(path): not one of \(choices): \(value)")
    }
    if let options = schema["anyOf"] as? [[String: Any]] {
      let fits = options.contains { option in
        var scratch: [String] = []
        check(value, against: option, at: path, into: &scratch)
        return scratch.isEmpty
      }
      if !fits { errors.append("\(path): fits none of anyOf: \(value)") }
    }
    if let minimum = schema["minimum"] as? NSNumber, let number = Self.number(value),
      number < minimum.doubleValue
    {
      errors.append("\(path): \(number) < \(minimum)")
    }
    if let object = value as? [String: Any] {
      for key in schema["required"] as? [String] ?? [] where object[key] == nil {
        errors.append("\(path): missing \(key)")
      }
      let properties = schema["properties"] as? [String: Any] ?? [:]
      for (key, member) in object {
        if let propertySchema = properties[key] as? [String: Any] {
          check(member, against: propertySchema, at: path + "." + key, into: &errors)
        } else if schema["additionalProperties"] as? Bool == false {
          errors.append("\(path): unexpected key \(key)")
        }
      }
    }
    if let array = value as? [Any] {
      if let minItems = schema["minItems"] as? Int, array.count < minItems {
        errors.append("\(path): fewer than \(minItems) items")
      }
      if let items = schema["items"] as? [String: Any] {
        for (index, item) in array.enumerated() {
          check(item, against: items, at: "\(path)[\(index)]", into: &errors)
        }
      }
    }
  }

  /// The number a JSON value holds, if it is a number. (The schema has no Booleans.)
  private static func number(_ value: Any) -> Double? {
    guard !(value is String), let number = value as? NSNumber else { return nil }
    return number.doubleValue
  }

  private static func has(_ value: Any, type: String) -> Bool {
    switch type {
    case "null": return value is NSNull
    case "string": return value is String
    case "object": return value is [String: Any]
    case "array": return value is [Any]
    case "number": return number(value) != nil && !(value is String)
    case "integer":
      guard let x = number(value), !(value is String) else { return false }
      return x == x.rounded()
    default: return false
    }
  }

  private static func equal(_ a: Any, _ b: Any) -> Bool {
    if let a = a as? String, let b = b as? String { return a == b }
    if a is String || b is String { return false }
    if let x = number(a), let y = number(b) { return x == y }
    return false
  }
}
