import CPython

/// One owned reference to a Python object: the reference is released when the last copy of
/// this wrapper goes away.
///
/// Every reference that host code keeps beyond one C call is held by a `PythonObject`, so
/// reference counts balance by construction. It must only be used, and released, on the
/// interpreter's thread with the GIL held (``PythonInterpreter`` guarantees both).
final class PythonObject {
  /// The object; this wrapper owns one reference to it.
  let pointer: UnsafeMutablePointer<PyObject>

  /// Takes ownership of a new reference, as the C API returns them.
  ///
  /// - Returns: `nil` when `pointer` is `NULL`; a Python exception is then set.
  init?(owning pointer: UnsafeMutablePointer<PyObject>?) {
    guard let pointer else { return nil }
    self.pointer = pointer
  }

  /// Adds a reference to a borrowed object.
  init(borrowing pointer: UnsafeMutablePointer<PyObject>) {
    Py_IncRef(pointer)
    self.pointer = pointer
  }

  deinit { Py_DecRef(pointer) }

  /// Runs `body` with the object, which stays alive until `body` returns. (Reading
  /// ``pointer`` alone does not keep the wrapper, and so the object, alive for a call.)
  func borrow<T>(_ body: (UnsafeMutablePointer<PyObject>) throws -> T) rethrows -> T {
    try withExtendedLifetime(self) { try body(pointer) }
  }

  /// A new reference for a C function that steals one.
  func newReference() -> UnsafeMutablePointer<PyObject> {
    Py_IncRef(pointer)
    return pointer
  }
}

extension PythonObject {
  /// `getattr(self, name)`.
  ///
  /// - Throws: ``PythonError`` with Python's `AttributeError`.
  func attribute(_ name: String) throws(PythonError) -> PythonObject {
    try PythonError.check(PyObject_GetAttrString(pointer, name))
  }

  /// `self(*arguments)`.
  ///
  /// - Throws: ``PythonError`` with whatever the call raised.
  func call(_ arguments: [PythonObject] = []) throws(PythonError) -> PythonObject {
    let tuple = try PythonError.check(PyTuple_New(arguments.count))
    for (index, argument) in arguments.enumerated() {
      PyTuple_SetItem(tuple.pointer, index, argument.newReference())
    }
    return try PythonError.check(tuple.borrow { PyObject_Call(pointer, $0, nil) })
  }

  /// `self[key]` for a dict, or `nil` when the key is missing.
  func item(_ key: String) -> PythonObject? {
    guard let found = PyDict_GetItemString(pointer, key) else { return nil }
    return PythonObject(borrowing: found)
  }

  /// Whether this is `None`.
  var isNone: Bool { pointer == Python.none }

  /// The object as a Swift string, or `nil` if it is not a `str`.
  var string: String? {
    guard Python.isString(pointer), let text = PyUnicode_AsUTF8(pointer) else {
      PyErr_Clear()
      return nil
    }
    return String(cString: text)
  }

  /// The object as a number, or `nil` if it is not an `int` or a `float`.
  var double: Double? {
    guard Python.isFloat(pointer) || Python.isInt(pointer) else { return nil }
    let value = PyFloat_AsDouble(pointer)
    if value == -1, PyErr_Occurred() != nil {
      PyErr_Clear()
      return nil
    }
    return value
  }

  /// The object as an integer, or `nil` if it is not an `int`.
  var int: Int? {
    guard Python.isInt(pointer) else { return nil }
    let value = PyLong_AsSsize_t(pointer)
    if value == -1, PyErr_Occurred() != nil {
      PyErr_Clear()
      return nil
    }
    return value
  }

  /// The elements of a list or tuple.
  var elements: [PythonObject] {
    guard let sequence = PySequence_Fast(pointer, "expected a list or tuple") else {
      PyErr_Clear()
      return []
    }
    defer { Py_DecRef(sequence) }
    let count = PySequence_Size(sequence)
    return (0..<max(0, count)).compactMap { index in
      PySequence_GetItem(sequence, index).flatMap { PythonObject(owning: $0) }
    }
  }
}

/// Python constants and conversions from Swift values; all return new references.
enum Python {
  /// `None`, borrowed.
  static var none: UnsafeMutablePointer<PyObject> {
    withUnsafeMutablePointer(to: &_Py_NoneStruct) { $0 }
  }

  /// `NotImplemented`, borrowed.
  static var notImplemented: UnsafeMutablePointer<PyObject> {
    withUnsafeMutablePointer(to: &_Py_NotImplementedStruct) { $0 }
  }

  /// A new reference to `None`.
  static func newNone() -> UnsafeMutablePointer<PyObject> {
    Py_IncRef(none)
    return none
  }

  /// A new reference to `NotImplemented`.
  static func newNotImplemented() -> UnsafeMutablePointer<PyObject> {
    Py_IncRef(notImplemented)
    return notImplemented
  }

  /// A `str`, or the pending exception as an error.
  static func str(_ text: String) throws(PythonError) -> PythonObject {
    try PythonError.check(PyUnicode_FromString(text))
  }

  static func string(_ text: String) -> PythonObject? {
    PythonObject(owning: PyUnicode_FromString(text))
  }

  static func float(_ value: Double) -> PythonObject? {
    PythonObject(owning: PyFloat_FromDouble(value))
  }

  static func int(_ value: Int) -> PythonObject? {
    PythonObject(owning: PyLong_FromSsize_t(value))
  }

  static func bool(_ value: Bool) -> PythonObject? {
    PythonObject(owning: PyBool_FromLong(value ? 1 : 0))
  }
}

extension Python {
  @inline(__always)
  static func hasFlag(_ object: UnsafeMutablePointer<PyObject>, _ flag: UInt) -> Bool {
    PyType_GetFlags(Py_TYPE(object)) & flag != 0
  }

  /// `isinstance(object, str)`.
  @inline(__always)
  static func isString(_ object: UnsafeMutablePointer<PyObject>) -> Bool {
    hasFlag(object, UInt(Py_TPFLAGS_UNICODE_SUBCLASS))
  }

  /// `isinstance(object, int)` (`bool` included).
  @inline(__always)
  static func isInt(_ object: UnsafeMutablePointer<PyObject>) -> Bool {
    hasFlag(object, UInt(Py_TPFLAGS_LONG_SUBCLASS))
  }

  /// `isinstance(object, bytes)`.
  @inline(__always)
  static func isBytes(_ object: UnsafeMutablePointer<PyObject>) -> Bool {
    hasFlag(object, UInt(Py_TPFLAGS_BYTES_SUBCLASS))
  }

  /// `isinstance(object, float)`.
  @inline(__always)
  static func isFloat(_ object: UnsafeMutablePointer<PyObject>) -> Bool {
    let type = Py_TYPE(object)
    return type == floatType || PyType_IsSubtype(type, floatType) != 0
  }

  /// `float`, the type object, read from a float the first time it is needed (the
  /// interpreter is running then): each use of the C global `PyFloat_Type` from Swift would
  /// be checked for overlapping access at run time.
  nonisolated(unsafe) private static let floatType: UnsafeMutablePointer<PyTypeObject>? = {
    guard let zero = PyFloat_FromDouble(0) else { return nil }
    defer { Py_DecRef(zero) }
    return Py_TYPE(zero)
  }()
}
