import Autograd

extension GradientTable {
  /// How the table is written.
  public enum Format: String, CaseIterable, Sendable {
    /// Aligned columns for people; a grad never computed is `-`.
    case table
    /// One JSON object with a `values` array, one value per line; see ``json``.
    case json
    /// RFC 4180 comma-separated values with a header; a grad never computed is empty.
    case csv
  }

  /// The table in `format`, ending in a newline.
  ///
  /// - Complexity: O(n) in the number of rows.
  public func text(_ format: Format) -> String {
    switch format {
    case .table: table
    case .csv: csv
    case .json: json
    }
  }

  private static let header = ["#", "label", "op", "data", "grad"]

  private func cells(_ row: Row, notComputed: String) -> [String] {
    let value = row.value
    return [
      String(row.position), value.label, value.op, NumberText.full(value.data),
      value.isGradComputed ? NumberText.full(value.grad) : notComputed,
    ]
  }

  /// The aligned table: `#`, `label`, `op`, `data`, `grad`, numbers to the right.
  public var table: String {
    var table = TextTable(header: Self.header, alignments: [.right, .left, .left, .right, .right])
    for row in rows { table.append(cells(row, notComputed: "-")) }
    return table.text
  }

  /// The rows as CSV (RFC 4180): the header `#,label,op,data,grad`, then one line per value.
  public var csv: String {
    var text = Self.header.joined(separator: ",") + "\n"
    for row in rows {
      text += cells(row, notComputed: "").map(Self.csvField).joined(separator: ",") + "\n"
    }
    return text
  }

  private static func csvField(_ raw: String) -> String {
    let text = PrintableText.escape(raw)
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The rows as JSON, one value per line, keys sorted:
  /// ```
  /// {"root":9,"values":[
  /// {"data":2,"grad":-1.4999999999999993,"group":null,"id":0,"inputs":[],"kind":"leaf","label":"x1","op":""},
  /// ...
  /// ]}
  /// ```
  /// `id` is the position in topological order (the `#` column) and `inputs` are the ids of
  /// the value's inputs, in operand order; `root` is the root's id. `kind` is `leaf`,
  /// `constant` (a number literal) or `operation`; `group` is `{"layer":L,"neuron":N}` for a
  /// value made inside a model, else `null`. Numbers are written in the shortest form that
  /// reads back exactly; NaN and infinities as the strings `"nan"`, `"inf"`, `"-inf"`; a grad
  /// never computed as `null`.
  public var json: String {
    let values = rows.lazy.map { row -> JSON in
      let value = row.value
      let group = value.group.map {
        JSON.object([("layer", .int($0.layer)), ("neuron", .int($0.neuron))])
      }
      return .object([
        ("data", .number(value.data)), ("grad", .number(value.isGradComputed ? value.grad : nil)),
        ("group", group ?? .null), ("id", .int(row.position)),
        ("inputs", .array(value.inputs.map { .int(trace.position(of: $0) ?? -1) })),
        ("kind", .string(Self.kind(of: value))), ("label", .string(value.label)),
        ("op", .string(value.op)),
      ])
    }
    return JSON.listing([("root", .int(trace.count - 1))], "values", values)
  }

  static func kind(of value: Value) -> String { value.kind.role.rawValue }
}
