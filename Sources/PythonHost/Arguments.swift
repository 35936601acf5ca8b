import CPython

/// Reading the arguments of a call from Python, with Python's own kinds of errors.
enum Arguments {
  /// The arguments of a call by position and keyword, as borrowed objects in the order of
  /// `names` (`nil` for those not given).
  ///
  /// - Returns: `nil` with a `TypeError` set for too many or missing arguments or an
  ///   unknown keyword.
  static func parse(
    _ args: UnsafeMutablePointer<PyObject>?, _ kwargs: UnsafeMutablePointer<PyObject>?,
    names: [String], required: Int, function: String
  ) -> [UnsafeMutablePointer<PyObject>?]? {
    var given = [UnsafeMutablePointer<PyObject>?](repeating: nil, count: names.count)
    let count = args.map { PyTuple_Size($0) } ?? 0
    guard count <= names.count else {
      _ = typeError("\(function)() takes at most \(names.count) arguments (\(count) given)")
      return nil
    }
    for index in 0..<count { given[index] = PyTuple_GetItem(args, index) }
    if let kwargs, PyDict_Size(kwargs) > 0 {
      var position: Py_ssize_t = 0
      var key: UnsafeMutablePointer<PyObject>?
      var value: UnsafeMutablePointer<PyObject>?
      while PyDict_Next(kwargs, &position, &key, &value) != 0 {
        let name = key.flatMap { PythonObject(borrowing: $0).string } ?? ""
        guard let index = names.firstIndex(of: name) else {
          _ = typeError("\(function)() got an unexpected keyword argument '\(name)'")
          return nil
        }
        guard given[index] == nil else {
          _ = typeError("\(function)() got multiple values for argument '\(name)'")
          return nil
        }
        given[index] = value
      }
    }
    for index in 0..<required where given[index] == nil {
      _ = typeError("\(function)() missing required argument '\(names[index])'")
      return nil
    }
    return given
  }

  /// Argument `index` of what ``parse(_:_:names:required:function:)`` returned, one of the
  /// required ones (which it checked are there).
  @inline(__always)
  static func required(_ given: [UnsafeMutablePointer<PyObject>?], _ index: Int)
    -> UnsafeMutablePointer<PyObject>
  {
    given[index] ?? Python.none
  }

  /// A Python number (`int`, `float`, `bool`, or a numpy scalar) as a `Double`; `nil` for
  /// anything else, with a `TypeError` set that names `what`.
  static func number(_ object: UnsafeMutablePointer<PyObject>, what: String) -> Double? {
    if Python.isFloat(object) || Python.isInt(object) {
      let value = PyFloat_AsDouble(object)
      if value == -1, PyErr_Occurred() != nil { return nil }
      return value
    }
    if !Python.isString(object), !Python.isBytes(object),
      let methods = Py_TYPE(object).pointee.tp_as_number,
      methods.pointee.nb_float != nil || methods.pointee.nb_index != nil
    {
      guard let float = PythonObject(owning: PyNumber_Float(object)) else { return nil }
      return float.borrow { PyFloat_AsDouble($0) }
    }
    _ = typeError("\(what) must be a number (int or float), not '\(typeName(object))'")
    return nil
  }

  /// Whether `object` is a plain number for arithmetic with a `Value`.
  @inline(__always)
  static func isNumber(_ object: UnsafeMutablePointer<PyObject>) -> Bool {
    Python.isFloat(object) || Python.isInt(object)
  }

  /// The name of `object`'s type, as `str`.
  static func typeName(_ object: UnsafeMutablePointer<PyObject>) -> String {
    String(cString: Py_TYPE(object).pointee.tp_name)
  }

  /// Sets a `TypeError` and returns `nil`, for a C function's failure return.
  static func typeError(_ message: String) -> UnsafeMutablePointer<PyObject>? {
    PyErr_SetString(PyExc_TypeError, message)
    return nil
  }

  /// Sets a `ValueError` and returns `nil`.
  static func valueError(_ message: String) -> UnsafeMutablePointer<PyObject>? {
    PyErr_SetString(PyExc_ValueError, message)
    return nil
  }
}
