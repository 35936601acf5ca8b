import CPython

/// The `PyType_Spec`s of the two flavours. Names, method tables and property tables live for
/// the life of the process, as the C API requires.
extension NativeValue {
  /// The C strings that live as long as the process (kept here so that they stay reachable).
  nonisolated(unsafe) static var permanentStrings: [UnsafePointer<CChar>] = []

  /// A C string that is never freed.
  static func permanent(_ text: String) -> UnsafePointer<CChar> {
    let bytes = Array(text.utf8CString)
    let string = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
    string.initialize(from: bytes, count: bytes.count)
    permanentStrings.append(string)
    return UnsafePointer(string)
  }

  static func slot<Function>(_ id: Int32, _ function: Function) -> PyType_Slot {
    PyType_Slot(slot: id, pfunc: unsafeBitCast(function, to: UnsafeMutableRawPointer.self))
  }

  static func methods() -> UnsafeMutablePointer<PyMethodDef> {
    let table: [(String, Method, String)] = [
      (
        "backward", backward,
        "Backpropagation from this value: fills in grad of every value it depends on."
      ),
      (
        "_backward", backwardStep,
        "One node's chain-rule step: adds grad times each local derivative to the inputs."
      ),
      ("tanh", tanh, "tanh(self); d/dx = 1 - tanh(x)**2."),
      ("exp", exp, "exp(self); d/dx = exp(x)."),
      ("relu", relu, "max(0, self), micrograd's ReLU; d/dx = 1 if x > 0 else 0."),
      ("sigmoid", sigmoid, "1 / (1 + exp(-self)); d/dx = s * (1 - s)."),
      ("log", log, "ln(self); d/dx = 1/x. ValueError for self <= 0."),
      ("sin", sin, "sin(self), self in radians; d/dx = cos(x)."),
    ]
    let defs = UnsafeMutablePointer<PyMethodDef>.allocate(capacity: table.count + 1)
    for (index, (name, function, doc)) in table.enumerated() {
      defs[index] = PyMethodDef(
        ml_name: permanent(name), ml_meth: function, ml_flags: METH_NOARGS, ml_doc: permanent(doc))
    }
    defs[table.count] = PyMethodDef(ml_name: nil, ml_meth: nil, ml_flags: 0, ml_doc: nil)
    return defs
  }

  static func properties() -> UnsafeMutablePointer<PyGetSetDef> {
    let table: [(String, Getter, Setter?, String)] = [
      ("data", getData, setData, "The number this value holds."),
      (
        "grad", getGrad, setGrad,
        "The derivative of the last backward() root with respect to this value."
      ),
      ("label", getLabel, setLabel, "The name shown in pictures and tables."),
      (
        "_op", getOp, nil,
        "The operation that made this value: '+', '*', 'tanh', ...; '' for a leaf."
      ),
      ("_prev", getPrevious, nil, "The values this one was computed from, in operand order."),
      (
        "__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict,
        "The attributes a script added."
      ),
    ]
    let defs = UnsafeMutablePointer<PyGetSetDef>.allocate(capacity: table.count + 1)
    for (index, (name, get, set, doc)) in table.enumerated() {
      defs[index] = PyGetSetDef(
        name: permanent(name), get: get, set: set, doc: permanent(doc), closure: nil)
    }
    defs[table.count] = PyGetSetDef(name: nil, get: nil, set: nil, doc: nil, closure: nil)
    return defs
  }

  static func members() -> UnsafeMutablePointer<PyMemberDef> {
    let defs = UnsafeMutablePointer<PyMemberDef>.allocate(capacity: 2)
    defs[0] = PyMemberDef(
      name: permanent("__dictoffset__"), type: T_PYSSIZET, offset: Py_ssize_t(dictOffset),
      flags: READONLY, doc: nil)
    defs[1] = PyMemberDef(name: nil, type: 0, offset: 0, flags: 0, doc: nil)
    return defs
  }

  /// Makes a type called `Value` whose `__module__` is `module`, so that Python's messages
  /// name it `'Value'` as they name micrograd's.
  static func makeType(module: String, doc: String) throws(PythonError) -> UnsafeMutablePointer<
    PyTypeObject
  > {
    let binary: [(Int32, Binary)] = [
      (Py_nb_add, add), (Py_nb_subtract, subtract), (Py_nb_multiply, multiply),
      (Py_nb_true_divide, divide),
    ]
    var slots = binary.map { slot($0.0, $0.1) }
    slots += [
      slot(Py_nb_power, power), slot(Py_nb_negative, negative),
      slot(Py_tp_new, new), slot(Py_tp_dealloc, dealloc), slot(Py_tp_repr, repr),
      slot(Py_tp_hash, hash), slot(Py_tp_setattro, setAttribute),
      PyType_Slot(slot: Py_tp_methods, pfunc: UnsafeMutableRawPointer(methods())),
      PyType_Slot(slot: Py_tp_getset, pfunc: UnsafeMutableRawPointer(properties())),
      PyType_Slot(slot: Py_tp_members, pfunc: UnsafeMutableRawPointer(members())),
      PyType_Slot(slot: Py_tp_doc, pfunc: UnsafeMutableRawPointer(mutating: permanent(doc))),
      PyType_Slot(slot: 0, pfunc: nil),
    ]
    let size = headerSize + MemoryLayout<Fields>.size
    let flags = UInt32(Py_TPFLAGS_DEFAULT) | UInt32(Py_TPFLAGS_BASETYPE)
    let made = slots.withUnsafeMutableBufferPointer { buffer in
      var spec = PyType_Spec(
        name: permanent("Value"), basicsize: Int32(size), itemsize: 0, flags: flags,
        slots: buffer.baseAddress)
      return PyType_FromSpec(&spec)
    }
    let type = try PythonError.check(made)
    let moduleName = try PythonError.check(PyUnicode_FromString(module))
    try PythonError.check(
      status: moduleName.borrow { PyObject_SetAttrString(type.pointer, "__module__", $0) })
    return UnsafeMutableRawPointer(type.newReference()).assumingMemoryBound(to: PyTypeObject.self)
  }
}
