import Autograd
import CPython

/// A picture that a script asked for with `draw_dot(root)`: the graph below `root` as it was
/// at that call.
///
/// Not `Sendable`, as the ``ScriptRun`` that holds it.
public struct Picture {
  /// Where the call was: `line 40`, or `cell 12` in a notebook.
  public let place: String
  /// The root, on a tape of its own that holds a copy of the graph below it.
  public let root: Value
  /// For a graph of the script's own value objects, what the tracer read besides the graph.
  public var details: TraceDetails? = nil
}

/// Graphs copied out of a running script, so that later changes do not reach them.
enum Pictures {
  struct Failure: Error {
    let message: String
  }

  /// A copy of the graph below `object`: a native `Value` (copied off the run's tape), or
  /// any object the tracer accepts (traced and recorded).
  ///
  /// - Throws: ``Failure`` with the tracer's message when `object` is not value-like.
  /// - Complexity: O(n + e) for the n values and e edges below `object`; no recursion.
  static func snapshot(_ object: PythonObject) throws(Failure) -> (Value, TraceDetails?) {
    if NativeValue.isValue(object.pointer) {
      return (copy(NativeValue.value(object.pointer)), nil)
    }
    let (root, details) = try trace(object, onto: Tape())
    return (root, details)
  }

  /// The graph below `root` on a new tape, node for node.
  static func copy(_ root: Value) -> Value {
    let source = root.tape
    let order = source.topologicalOrder(from: root.id)
    let tape = Tape(capacity: order.count)
    var position = [Int](repeating: 0, count: root.id + 1)
    for old in order {
      let inputs = source.inputs(of: old).map { position[Int($0)] }
      let new = tape.appendTraced(
        source.kinds[old], operand: source.operands[old], data: source.data[old],
        inputs: inputs, name: source.opSymbol(old))
      let value = Value(tape: tape, id: new)
      let label = source.labels[old]
      if !label.isEmpty { value.label = label }
      if source.gradKnown[old] { value.grad = source.grad[old] }
      position[old] = new
    }
    return Value(tape: tape, id: position[root.id])
  }

  /// Traces a script's own graph with `_gradviz_host.trace.trace` and records it on `tape`.
  ///
  /// - Throws: ``Failure`` with the message of what the tracer raised.
  static func trace(_ object: PythonObject, onto tape: Tape) throws(Failure) -> (
    Value, TraceDetails
  ) {
    let graph: PythonObject
    do {
      let module = try PythonError.check(PyImport_ImportModule("_gradviz_host.trace"))
      graph = try module.attribute("trace").call([object])
    } catch {
      throw Failure(message: error.type == "TypeError" ? error.message : error.description)
    }
    func column(_ name: String) throws(Failure) -> [PythonObject] {
      guard let list = graph.item(name) else {
        throw Failure(message: "the tracer gave no '\(name)'")
      }
      return list.elements
    }
    let labels = try column("label")
    let data = try column("data")
    let grads = try column("grad")
    let ops = try column("op")
    let inputs = try column("inputs")
    let count = labels.count
    guard count > 0, [data.count, grads.count, ops.count, inputs.count].allSatisfy({ $0 == count })
    else { throw Failure(message: "the tracer gave columns of different lengths") }
    for note in (graph.item("notes")?.elements ?? []) {
      if let text = note.string { Host.note(text) }
    }
    let base = tape.count
    for index in 0..<count {
      let ids = inputs[index].elements.compactMap(\.int)
      guard ids.allSatisfy({ $0 >= 0 && $0 < index }) else {
        throw Failure(message: "the tracer gave node \(index) an input that is not before it")
      }
      let node = TracedGraph.append(
        op: ops[index].string ?? "", data: data[index].double ?? .nan,
        inputs: ids.map { base + $0 },
        on: tape)
      let value = Value(tape: tape, id: node)
      if let label = labels[index].string, !label.isEmpty { value.label = label }
      if let grad = grads[index].double { value.grad = grad }
    }
    let origins = (graph.item("origin")?.elements ?? []).map(\.string)
    let notes = (graph.item("notes")?.elements ?? []).map { $0.elements.compactMap(\.string) }
    let details = TraceDetails(
      origins: origins.count == count ? origins : Array(repeating: nil, count: count),
      notes: notes.count == count ? notes : Array(repeating: [], count: count))
    return (Value(tape: tape, id: tape.count - 1), details)
  }
}
