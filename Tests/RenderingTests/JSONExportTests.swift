import Autograd
import Foundation
import GraphJSON
import Rendering
import TestSupport
import Testing

@Suite("JSON export")
struct JSONExportTests {
  /// `docs/json-format.md`.
  static let formatDocument = Repository.root.appendingPathComponent("docs/json-format.md")

  static func schema() throws -> JSONSchema {
    try JSONSchema.fromMarkdown(String(contentsOf: formatDocument, encoding: .utf8))
  }

  static func parse(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any])
  }

  static func nodes(_ document: [String: Any]) throws -> [[String: Any]] {
    try #require(document["nodes"] as? [[String: Any]])
  }

  /// Graphs whose exports are validated.
  static let graphs: [(String, @Sendable () -> Value)] = [
    ("neuron", { Graphs.neuron() }),
    ("neuron without backward", { Graphs.neuron(backward: false) }),
    ("x * x", { Graphs.square() }),
    ("nasty labels", { Graphs.nastyLabels() }),
    ("grouped MLP", { Graphs.mlp(hidden: [3], samples: 2) }),
    ("NaN and infinities", { Graphs.nonFinite() }),
  ]

  @Test("every export is valid against the schema in docs/json-format.md", arguments: 0..<6)
  func validAgainstSchema(index: Int) throws {
    let (name, make) = Self.graphs[index]
    let text = try Trace(root: make()).json(gradvizVersion: "9.9.9")
    let errors = try Self.schema().errors(try Self.parse(text))
    #expect(errors.isEmpty, "\(name): \(errors.prefix(5))")
  }

  @Test("the schema validator rejects what the schema forbids")
  func validatorRejects() throws {
    let schema = try Self.schema()
    var document = try Self.parse(try Trace(root: Graphs.square()).json(gradvizVersion: "1"))
    #expect(schema.errors(document).isEmpty)
    var nodes = try Self.nodes(document)
    nodes[0]["kind"] = "variable"
    nodes[1]["grad"] = "NaN"
    nodes[1]["extra"] = 1
    nodes[1].removeValue(forKey: "inputs")
    document["nodes"] = nodes
    document["version"] = 2
    let errors = schema.errors(document)
    for expected in ["kind", "grad", "extra", "missing inputs", "version"] {
      #expect(errors.contains { $0.contains(expected) }, "\(expected) in \(errors)")
    }
  }

  @Test("the neuron's export has every field with the engine's values")
  func neuronFields() throws {
    let o = Graphs.neuron()
    let text = try Trace(root: o).json(gradvizVersion: "0.1.0")
    let document = try Self.parse(text)
    // Numbers read back exactly (JSONDecoder; Foundation's JSONSerialization rounds on Linux).
    struct Node: Decodable {
      let data: Double
      let grad: Double?
    }
    struct Document: Decodable { let nodes: [Node] }
    let decoded = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
    #expect(document["format"] as? String == "gradviz-graph")
    #expect(document["version"] as? Int == Trace.jsonFormatVersion)
    #expect(document["gradviz"] as? String == "0.1.0")
    #expect(document["root"] as? Int == 9)
    let nodes = try Self.nodes(document)
    #expect(nodes.count == 10)
    let trace = o.tape.topologicalOrder(from: o.id).map { Value(tape: o.tape, id: $0) }
    for (k, (node, value)) in zip(nodes, trace).enumerated() {
      #expect(node["id"] as? Int == k)
      #expect(node["label"] as? String == value.label)
      #expect(node["op"] as? String == value.op)
      #expect(decoded.nodes[k].data == value.data)
      #expect(decoded.nodes[k].grad == value.grad)
      #expect(node["group"] is NSNull)
    }
    #expect(nodes[5]["inputs"] as? [Int] == [0, 2])
    #expect(nodes[8]["inputs"] as? [Int] == [7, 4])
    #expect(nodes[9]["inputs"] as? [Int] == [8])
    #expect(nodes[9]["op"] as? String == "tanh")
    #expect(nodes[0]["kind"] as? String == "leaf")
    #expect(nodes[9]["kind"] as? String == "operation")
  }

  @Test("a grad never computed is null; x * x lists x twice; constants are marked")
  func nullsAndRepeats() throws {
    let none = try Self.nodes(
      try Self.parse(try Trace(root: Graphs.neuron(backward: false)).json(gradvizVersion: "1")))
    #expect(none.allSatisfy { $0["grad"] is NSNull })
    let square = try Self.nodes(
      try Self.parse(try Trace(root: Graphs.square()).json(gradvizVersion: "1")))
    #expect(square[1]["inputs"] as? [Int] == [0, 0])
    let tape = Tape()
    let y = 2 * Value(3, label: "x", on: tape)
    let scaled = try Self.nodes(try Self.parse(try Trace(root: y).json(gradvizVersion: "1")))
    #expect(scaled[0]["kind"] as? String == "leaf")
    #expect(scaled[1]["kind"] as? String == "constant")
    #expect(scaled[1]["op"] as? String == "")
  }

  @Test("NaN and infinities are the documented strings")
  func nonFinite() throws {
    let text = try Trace(root: Graphs.nonFinite()).json(gradvizVersion: "1")
    #expect(text.contains(#""data":"inf""#))
    #expect(text.contains(#""data":"nan""#))
    #expect(text.contains(#""data":"-inf""#))
    #expect(!text.lowercased().contains("infinity"))
  }

  @Test("group tags are exported as layer and neuron")
  func groups() throws {
    let nodes = try Self.nodes(
      try Self.parse(
        try Trace(root: Graphs.mlp(hidden: [3], samples: 1)).json(gradvizVersion: "1")))
    let groups = nodes.compactMap { $0["group"] as? [String: Any] }
    #expect(!groups.isEmpty)
    let pairs = Set(groups.map { "\($0["layer"] as? Int ?? -1)/\($0["neuron"] as? Int ?? -1)" })
    #expect(pairs == ["0/0", "0/1", "0/2", "1/0"])
    // Every input comes before its node, and the root is last.
    for node in nodes {
      let id = try #require(node["id"] as? Int)
      #expect((node["inputs"] as? [Int] ?? []).allSatisfy { $0 < id })
    }
  }

  @Test("the same computation gives the same bytes, whatever a drawing of it shows")
  func determinism() throws {
    let first = try Trace(root: Graphs.mlp()).json(gradvizVersion: "1")
    #expect(try Trace(root: Graphs.mlp()).json(gradvizVersion: "1") == first)
    let options = DrawingOptions(rankdir: .TB, cluster: .neuron, color: .grad, edgeGradients: true)
    #expect(
      try Drawing(root: Graphs.mlp(), options: options).trace.json(gradvizVersion: "1") == first)
    #expect(first.hasSuffix("\n]}\n"))
    #expect(first.split(separator: "\n").count == Drawing(root: Graphs.mlp()).valueCount + 2)
  }
}
