import Autograd
import CPython

/// gradviz's `Value` as a Python type: each instance is a handle to one node of the run's
/// tape (``RunTape``), made from a `PyType_Spec` as CPython's `Modules/xxlimited.c` makes its
/// heap types.
///
/// There are two flavours of one layout. `_gradviz.Value` records the engine's own
/// operations (`a - b` is one `-` node) and prints as the walkthrough's `Value(data=...)`;
/// `_gradviz.MicrogradValue`, which the `micrograd.engine` glue exports as `Value`, records
/// micrograd 0.1.0's graph shapes (`a - b` is `a + (b * -1)`, `a / b` is `a * b**-1`, `-a`
/// is `a * -1`, a number on the left is added or multiplied on the right), so that its numbers
/// match micrograd's bit for bit, and prints as `Value(data=..., grad=...)`.
///
/// Layout after the object header: the retained ``RunTape``, the node id, the instance
/// `__dict__` (for attributes a script adds, as optimizers add `p.m`), the flavour.
enum NativeValue {
  enum Flavour: Int {
    case plain = 0
    case micrograd = 1
  }

  struct Fields {
    /// The retained ``RunTape``; set as soon as the object is allocated.
    var run: UnsafeMutableRawPointer
    var node: Int
    var dict: UnsafeMutablePointer<PyObject>?
    var flavour: Int
  }

  static let headerSize = MemoryLayout<PyObject>.size
  static let dictOffset =
    headerSize + (MemoryLayout<Fields>.offset(of: \Fields.dict) ?? 2 * MemoryLayout<Int>.size)

  // Only the interpreter's thread reads and writes these, as every object is made and freed:
  // they are not checked for overlapping access at run time.

  /// The two types, made when `_gradviz` is first imported.
  @exclusivity(unchecked) nonisolated(unsafe) static var types:
    [UnsafeMutablePointer<PyTypeObject>] = []

  /// The number of live `Value` objects of both flavours.
  @exclusivity(unchecked) nonisolated(unsafe) static var liveCount = 0

  @inline(__always)
  static func fields(_ object: UnsafeMutablePointer<PyObject>) -> UnsafeMutablePointer<Fields> {
    (UnsafeMutableRawPointer(object) + headerSize).assumingMemoryBound(to: Fields.self)
  }

  /// Whether `object` is a `Value` of either flavour (or of a subclass).
  @inline(__always)
  static func isValue(_ object: UnsafeMutablePointer<PyObject>) -> Bool {
    let type = Py_TYPE(object)
    if types.count == 2, type == types[0] || type == types[1] { return true }
    return types.contains { PyType_IsSubtype(type, $0) != 0 }
  }

  /// The run tape and node of a `Value` object.
  @inline(__always)
  static func handle(_ object: UnsafeMutablePointer<PyObject>) -> (run: RunTape, node: Int) {
    let f = fields(object)
    return (Unmanaged<RunTape>.fromOpaque(f.pointee.run).takeUnretainedValue(), f.pointee.node)
  }

  @inline(__always)
  static func value(_ object: UnsafeMutablePointer<PyObject>) -> Value {
    let (run, node) = handle(object)
    return Value(tape: run.tape, id: node)
  }

  @inline(__always)
  static func flavour(_ object: UnsafeMutablePointer<PyObject>) -> Flavour {
    Flavour(rawValue: fields(object).pointee.flavour) ?? .plain
  }

  /// The live object for `node`, or a new one of `flavour`; a new reference.
  static func object(
    for node: Int, on run: RunTape, flavour: Flavour,
    type: UnsafeMutablePointer<PyTypeObject>? = nil
  ) -> UnsafeMutablePointer<PyObject>? {
    if let existing = run.object(for: node) {
      Py_IncRef(existing)
      return existing
    }
    let type = type ?? types[flavour.rawValue]
    guard let alloc = type.pointee.tp_alloc, let object = alloc(type, 0) else { return nil }
    let f = fields(object)
    f.pointee.run = Unmanaged.passRetained(run).toOpaque()
    f.pointee.node = node
    f.pointee.dict = nil
    f.pointee.flavour = flavour.rawValue
    run.register(object, for: node)
    liveCount += 1
    return object
  }

  /// A new object for a result recorded from an operand of `flavour`.
  @inline(__always)
  static func result(_ value: Value, run: RunTape, flavour: Flavour) -> UnsafeMutablePointer<
    PyObject
  >? {
    object(for: value.id, on: run, flavour: flavour)
  }

  // MARK: - Life cycle

  static let dealloc: @convention(c) (UnsafeMutablePointer<PyObject>?) -> Void = { object in
    guard let object else { return }
    let f = fields(object)
    let run = Unmanaged<RunTape>.fromOpaque(f.pointee.run)
    run.takeUnretainedValue().unregister(object, for: f.pointee.node)
    run.release()
    if let dict = f.pointee.dict {
      f.pointee.dict = nil
      Py_DecRef(dict)
    }
    guard let type = Py_TYPE(object) else { return }
    type.pointee.tp_free?(UnsafeMutableRawPointer(object))
    Py_DecRef(UnsafeMutableRawPointer(type).assumingMemoryBound(to: PyObject.self))
    liveCount -= 1
  }

  /// `Value(data, _children=(), _op='', label='')`.
  static let new:
    @convention(c) (
      UnsafeMutablePointer<PyTypeObject>?, UnsafeMutablePointer<PyObject>?,
      UnsafeMutablePointer<PyObject>?
    ) -> UnsafeMutablePointer<PyObject>? = { type, args, kwargs in
      guard let type else { return nil }
      let flavour: Flavour = PyType_IsSubtype(type, types[1]) != 0 ? .micrograd : .plain
      let names = ["data", "_children", "_op", "label"]
      guard let given = Arguments.parse(args, kwargs, names: names, required: 1, function: "Value")
      else { return nil }
      guard let data = Arguments.number(Arguments.required(given, 0), what: "Value(data)") else {
        return nil
      }
      var children: [UnsafeMutablePointer<PyObject>] = []
      if let tuple = given[1] {
        guard let items = PythonObject(owning: PySequence_Tuple(tuple)) else { return nil }
        let failed = items.borrow { items in
          for index in 0..<PyTuple_Size(items) {
            guard let child = PyTuple_GetItem(items, index) else { return true }
            guard isValue(child) else {
              _ = Arguments.typeError(
                "Value(_children=...) takes Values, not '\(Arguments.typeName(child))'")
              return true
            }
            children.append(child)
          }
          return false
        }
        if failed { return nil }
      }
      var op = ""
      if let text = given[2] {
        guard let string = PythonObject(borrowing: text).string else {
          return Arguments.typeError(
            "Value(_op=...) takes a str, not '\(Arguments.typeName(text))'")
        }
        op = string
      }
      var label = ""
      if let text = given[3] {
        guard let string = PythonObject(borrowing: text).string else {
          return Arguments.typeError(
            "Value(label=...) takes a str, not '\(Arguments.typeName(text))'")
        }
        label = string
      }
      let run = Host.run
      let node: Int
      if children.isEmpty && op.isEmpty {
        node = Value(data, label: label, on: run.tape).id
      } else {
        var inputs: [Int] = []
        for child in children {
          let (childRun, childNode) = handle(child)
          guard childRun === run else {
            return Arguments.valueError("Value(_children=...) takes Values of this run")
          }
          inputs.append(childNode)
        }
        node = TracedGraph.append(op: op, data: data, inputs: inputs, on: run.tape)
        if !label.isEmpty { Value(tape: run.tape, id: node).label = label }
      }
      if flavour == .micrograd, Python.isInt(Arguments.required(given, 0)), data.magnitude < 0x1p53
      {
        run.intData.insert(node)
      }
      return object(for: node, on: run, flavour: flavour, type: type)
    }
}
