import CPython

/// A Python exception, taken off the interpreter where host code called into it.
///
/// This is the one place where Python exceptions become Swift errors: every C-API call that
/// can fail goes through ``check(_:)``, which fetches and clears the pending exception.
struct PythonError: Error, CustomStringConvertible {
  /// The exception's type name, as `TypeError`.
  let type: String
  /// `str(exception)`.
  let message: String

  var description: String { message.isEmpty ? type : "\(type): \(message)" }

  /// The pending exception, cleared; an error saying none was set if there is none.
  static func fetch() -> PythonError {
    var type: UnsafeMutablePointer<PyObject>?
    var value: UnsafeMutablePointer<PyObject>?
    var traceback: UnsafeMutablePointer<PyObject>?
    PyErr_Fetch(&type, &value, &traceback)
    PyErr_NormalizeException(&type, &value, &traceback)
    defer {
      Py_DecRef(type)
      Py_DecRef(value)
      Py_DecRef(traceback)
    }
    guard let raised = value else {
      return PythonError(type: "SystemError", message: "a call failed without an exception")
    }
    let typeName = String(cString: Py_TYPE(raised).pointee.tp_name)
    let text = PythonObject(owning: PyObject_Str(raised))?.string ?? ""
    PyErr_Clear()
    return PythonError(type: String(typeName.split(separator: ".").last ?? ""), message: text)
  }

  /// `object` as an owned reference, or the pending exception as a ``PythonError`` when the
  /// call that made it returned `NULL`.
  static func check(_ object: UnsafeMutablePointer<PyObject>?) throws(PythonError) -> PythonObject {
    guard let owned = PythonObject(owning: object) else { throw fetch() }
    return owned
  }

  /// Throws the pending exception when a call returned a failure status (`-1`).
  static func check(status: Int32) throws(PythonError) {
    if status < 0 { throw fetch() }
  }
}
