import Autograd
import Foundation

extension Trace {
  /// The version of the JSON export's schema, documented in `docs/json-format.md`.
  public static let jsonFormatVersion = 1

  /// The traced graph as gradviz's own JSON: every value with its id, label, op, kind, data,
  /// grad, ordered inputs and group, and the root's id.
  ///
  /// The export is the whole trace, whatever a drawing of it shows (focus, collapse, colour),
  /// and needs no Graphviz. Ids are trace positions (a topological order, inputs first) and match the DOT node
  /// names (`n12`). Numbers are written in the shortest form that reads back exactly; NaN and
  /// infinities as the strings `"nan"`, `"inf"` and `"-inf"`; a gradient never computed as
  /// `null`. Keys are sorted and each node is on a line of its own, so the same computation
  /// gives the same bytes on every run. The schema is in `docs/json-format.md`:
  /// ```
  /// {"format":"gradviz-graph","gradviz":"0.1.0","root":2,"version":1,"nodes":[
  /// {"data":3,"grad":6,"group":null,"id":0,"inputs":[],"kind":"leaf","label":"x","op":""},
  /// ...
  /// ]}
  /// ```
  ///
  /// - Parameter gradvizVersion: the version of the program that writes the file.
  /// - Returns: the JSON text, ending in a newline.
  /// - Throws: `EncodingError` if Foundation's encoder fails (it does not for these types).
  /// - Complexity: O(n + e) in the trace's values and edges.
  public func json(gradvizVersion: String) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let header = JSONHeader(
      format: "gradviz-graph", gradviz: gradvizVersion, root: count - 1,
      version: Self.jsonFormatVersion)
    var text = String(decoding: try encoder.encode(header), as: UTF8.self)
    text.removeLast()  // the closing brace: the nodes come last
    text += #","nodes":["# + "\n"
    for k in 0..<count {
      let group = self.group(at: k)
      let node = JSONNode(
        data: data[k], grad: gradComputed[k] ? grads[k] : nil,
        group: group.map { JSONGroup(layer: $0.layer, neuron: $0.neuron) }, id: k,
        inputs: inputs(at: k).map(Int.init), kind: JSONNode.kindName(kinds[k]), label: labels[k],
        op: ops[k])
      text += String(decoding: try encoder.encode(node), as: UTF8.self)
      text += k == count - 1 ? "\n" : ",\n"
    }
    return text + "]}\n"
  }
}

/// The export's top-level fields other than `nodes`.
private struct JSONHeader: Encodable {
  let format: String
  let gradviz: String
  let root: Int
  let version: Int
}

/// A `group` object: `{"layer":0,"neuron":3}`; `neuron` is null for a layer as a whole.
private struct JSONGroup: Encodable {
  let layer: Int
  let neuron: Int?

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(layer, forKey: .layer)
    try container.encode(neuron, forKey: .neuron)
  }

  enum CodingKeys: String, CodingKey { case layer, neuron }
}

/// One element of `nodes`.
private struct JSONNode: Encodable {
  let data: Double
  let grad: Double?
  let group: JSONGroup?
  let id: Int
  let inputs: [Int]
  let kind: String
  let label: String
  let op: String

  static func kindName(_ kind: Autograd.Operation.Kind) -> String { kind.role.rawValue }

  /// Writes every key, `null` included, so that each node has the same keys.
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(data, forKey: .data)
    try container.encode(grad, forKey: .grad)
    try container.encode(group, forKey: .group)
    try container.encode(id, forKey: .id)
    try container.encode(inputs, forKey: .inputs)
    try container.encode(kind, forKey: .kind)
    try container.encode(label, forKey: .label)
    try container.encode(op, forKey: .op)
  }

  enum CodingKeys: String, CodingKey { case data, grad, group, id, inputs, kind, label, op }
}
