/// Reading the DOT text that cgraph writes, for tests: one statement per `;` line end.
enum DOTText {
  /// An edge statement: tail, head, and its attribute text.
  struct Edge {
    let tail: String
    let head: String
    let attributes: String
  }

  /// The statements, without the trailing `;`.
  static func statements(_ text: String) -> [String] {
    text.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: "\t\n {}") }
  }

  /// Every edge statement, in order.
  static func edges(_ text: String) -> [Edge] {
    statements(text).compactMap { statement in
      guard let arrow = statement.range(of: " -> ") else { return nil }
      let tail = String(statement[..<arrow.lowerBound].split(separator: "\n").last ?? "")
        .trimmingCharacters(in: "\t ")
      let rest = statement[arrow.upperBound...]
      let head = String(rest.prefix { $0 != "\t" && $0 != " " && $0 != "[" })
      return Edge(tail: tail, head: head, attributes: String(rest.dropFirst(head.count)))
    }
  }

  /// The number after `key` in `attributes`, up to a quote or an escaped line break.
  static func number(after key: String, in attributes: String) -> Double? {
    guard let start = attributes.range(of: key) else { return nil }
    return Double(attributes[start.upperBound...].prefix { $0 != "\"" && $0 != "\\" })
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    let characters = Set(set)
    var result = Substring(self)
    while let first = result.first, characters.contains(first) { result = result.dropFirst() }
    while let last = result.last, characters.contains(last) { result = result.dropLast() }
    return String(result)
  }
}
