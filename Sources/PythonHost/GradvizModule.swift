import Autograd
import CPython
import GraphvizBindings

/// The built-in extension module `_gradviz`: the two `Value` types and the functions the
/// Python glue calls.
///
/// ```
/// render(dot_source: str, format: str) -> bytes   Graphviz through libgvc, in-process
/// record_picture(root, where: str) -> None        a picture of root as it is now
/// note(text: str, line: int | None = None)        a note on stderr, at the script's line
/// live_values() -> int                            the number of live Value objects
/// _enter_group(layer, neuron) -> int              values made from now on belong to a
///                                                 model's layer and neuron (neuron -1: the
///                                                 layer as a whole); returns the group before
/// _leave_group(previous)                          back to the group `_enter_group` returned
/// ScriptTimeout                                   raised when --timeout runs out
/// ```
enum GradvizModule {
  typealias Object = UnsafeMutablePointer<PyObject>
  typealias Function = @convention(c) (Object?, Object?) -> Object?

  /// `ScriptTimeout`, a `BaseException` so that `except Exception` in a script does not stop
  /// it.
  nonisolated(unsafe) static var timeoutError: Object?

  static let render: Function = { _, args in
    guard
      let given = Arguments.parse(
        args, nil, names: ["dot_source", "format"], required: 2, function: "render"),
      let source = PythonObject(borrowing: Arguments.required(given, 0)).string,
      let format = PythonObject(borrowing: Arguments.required(given, 1)).string
    else {
      if PyErr_Occurred() == nil {
        return Arguments.typeError("render(dot_source, format) takes two str")
      }
      return nil
    }
    do {
      let bytes = try GraphvizContext.render(dot: source, format: format)
      return bytes.withUnsafeBufferPointer { buffer in
        PyBytes_FromStringAndSize(
          UnsafeRawPointer(buffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) },
          buffer.count)
      }
    } catch {
      return Arguments.valueError("Graphviz could not render the graph: \(error)")
    }
  }

  static let recordPicture: Function = { _, args in
    guard
      let given = Arguments.parse(
        args, nil, names: ["root", "where"], required: 2, function: "record_picture"),
      let place = PythonObject(borrowing: Arguments.required(given, 1)).string
    else {
      if PyErr_Occurred() == nil {
        return Arguments.typeError("record_picture(root, where): where is a str")
      }
      return nil
    }
    do {
      let (root, details) = try Pictures.snapshot(
        PythonObject(borrowing: Arguments.required(given, 0)))
      Host.pictures.append(Picture(place: place, root: root, details: details))
      return Python.newNone()
    } catch {
      PyErr_SetString(PyExc_TypeError, (error as? Pictures.Failure)?.message ?? "\(error)")
      return nil
    }
  }

  static let note: Function = { _, args in
    guard
      let given = Arguments.parse(
        args, nil, names: ["text", "line"], required: 1, function: "note"),
      let text = PythonObject(borrowing: Arguments.required(given, 0)).string
    else {
      if PyErr_Occurred() == nil { return Arguments.typeError("note(text): text is a str") }
      return nil
    }
    let line = given[1].flatMap { PythonObject(borrowing: $0).int }
    Host.note(text, line: line)
    return Python.newNone()
  }

  static let liveValues: Function = { _, _ in PyLong_FromSsize_t(NativeValue.liveCount) }

  static let setStatement: Function = { _, args in
    guard
      let given = Arguments.parse(
        args, nil, names: ["line"], required: 1, function: "_set_statement"),
      let line = PythonObject(borrowing: Arguments.required(given, 0)).int
    else { return nil }
    Host.statementLine = line
    return Python.newNone()
  }

  /// `_enter_group(layer, neuron)`: every value the run records from now on is tagged with
  /// the layer and neuron of a model (``NodeGroup``), as gradviz's own nn tags them, so
  /// that `--collapse` and `--cluster` work on models written in Python.
  static let enterGroup: Function = { _, args in
    guard
      let given = Arguments.parse(
        args, nil, names: ["layer", "neuron"], required: 2, function: "_enter_group"),
      let layer = PythonObject(borrowing: Arguments.required(given, 0)).int,
      let neuron = PythonObject(borrowing: Arguments.required(given, 1)).int, layer >= 0
    else {
      if PyErr_Occurred() == nil {
        return Arguments.valueError("_enter_group(layer, neuron) takes a layer from 0")
      }
      return nil
    }
    let tape = Host.run.tape
    let previous = tape.currentGroup
    tape.currentGroup = tape.groupIndex(
      of: NodeGroup(layer: layer, neuron: neuron >= 0 ? neuron : nil))
    return PyLong_FromLong(Int(previous))
  }

  /// `_leave_group(previous)`: back to the group `_enter_group` returned.
  static let leaveGroup: Function = { _, args in
    guard
      let given = Arguments.parse(
        args, nil, names: ["previous"], required: 1, function: "_leave_group"),
      let previous = PythonObject(borrowing: Arguments.required(given, 0)).int
    else { return nil }
    let tape = Host.run.tape
    guard previous >= -1, previous < tape.groupTable.count else {
      return Arguments.valueError("_leave_group(previous) takes what _enter_group returned")
    }
    tape.currentGroup = Int32(previous)
    return Python.newNone()
  }

  nonisolated(unsafe) static var definition: UnsafeMutablePointer<PyModuleDef> = {
    let functions: [(String, Function, String)] = [
      ("render", render, "render(dot_source, format) -> bytes: Graphviz in-process."),
      (
        "record_picture", recordPicture,
        "record_picture(root, where): a picture of root as it is now."
      ),
      ("note", note, "note(text, line=None): a note about the script on stderr."),
      ("live_values", liveValues, "live_values() -> int: live Value objects."),
      ("_set_statement", setStatement, "_set_statement(line): the top-level statement running."),
      ("_enter_group", enterGroup, "_enter_group(layer, neuron) -> int: tag new values."),
      ("_leave_group", leaveGroup, "_leave_group(previous): the group before."),
    ]
    let methods = UnsafeMutablePointer<PyMethodDef>.allocate(capacity: functions.count + 1)
    for (index, (name, function, doc)) in functions.enumerated() {
      methods[index] = PyMethodDef(
        ml_name: NativeValue.permanent(name), ml_meth: function, ml_flags: METH_VARARGS,
        ml_doc: NativeValue.permanent(doc))
    }
    methods[functions.count] = PyMethodDef(ml_name: nil, ml_meth: nil, ml_flags: 0, ml_doc: nil)
    let definition = UnsafeMutablePointer<PyModuleDef>.allocate(capacity: 1)
    definition.initialize(
      to: PyModuleDef(
        m_base: PyModuleDef_Base(
          ob_base: PyObject(ob_refcnt: 1, ob_type: nil), m_init: nil, m_index: 0, m_copy: nil),
        m_name: NativeValue.permanent("_gradviz"),
        m_doc: NativeValue.permanent("gradviz's engine: Value, rendering, pictures and notes."),
        m_size: -1, m_methods: methods, m_slots: nil, m_traverse: nil, m_clear: nil, m_free: nil))
    return definition
  }()

  /// The module's init function, for `PyImport_AppendInittab`.
  static let initialize: @convention(c) () -> Object? = {
    guard let module = PyModule_Create2(definition, PYTHON_API_VERSION) else { return nil }
    do {
      if NativeValue.types.isEmpty {
        NativeValue.types = [
          try NativeValue.makeType(
            module: "_gradviz",
            doc: "Value(data, _children=(), _op='', label=''): a scalar in gradviz's engine."),
          try NativeValue.makeType(
            module: "micrograd.engine",
            doc: "micrograd 0.1.0's Value on gradviz's engine, with micrograd's graph shapes."),
        ]
        timeoutError = PyErr_NewException("_gradviz.ScriptTimeout", PyExc_BaseException, nil)
      }
      for (name, type) in zip(["Value", "MicrogradValue"], NativeValue.types) {
        let object = UnsafeMutableRawPointer(type).assumingMemoryBound(to: PyObject.self)
        Py_IncRef(object)
        try PythonError.check(status: PyModule_AddObject(module, name, object))
      }
      Py_IncRef(timeoutError)
      try PythonError.check(status: PyModule_AddObject(module, "ScriptTimeout", timeoutError))
    } catch {
      Py_DecRef(module)
      PyErr_SetString(PyExc_ImportError, "_gradviz: \(error)")
      return nil
    }
    return module
  }
}
