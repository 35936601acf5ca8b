import CPython

/// The Python glue built into the binary (the `Embedded/` folder): gradviz's `micrograd`,
/// `graphviz` and `_gradviz_host` packages.
enum EmbeddedModules {
  static let finderPath = "_gradviz_host/finder.py"

  /// Runs the finder module from its embedded text and appends its finder of all embedded
  /// files to the end of `sys.meta_path`.
  ///
  /// - Throws: ``PythonError`` if the finder fails to load.
  static func install() throws(PythonError) {
    guard let finder = EmbeddedFiles.all.first(where: { $0.path == finderPath }) else {
      throw PythonError(type: "ImportError", message: "\(finderPath) is not built in")
    }
    let files = try PythonError.check(PyDict_New())
    for file in EmbeddedFiles.all {
      guard let text = Python.string(file.text) else { throw PythonError.fetch() }
      try PythonError.check(
        status: text.borrow { PyDict_SetItemString(files.pointer, file.path, $0) })
    }
    let globals = try PythonError.check(PyDict_New())
    try PythonError.check(
      status: PyDict_SetItemString(globals.pointer, "__builtins__", PyEval_GetBuiltins()))
    let name = try PythonError.check(PyUnicode_FromString("_gradviz_host.finder_bootstrap"))
    try PythonError.check(
      status: name.borrow { PyDict_SetItemString(globals.pointer, "__name__", $0) })
    let code = try PythonError.check(
      Py_CompileString(finder.text, "<gradviz>/" + finderPath, Py_file_input))
    _ = try PythonError.check(code.borrow { PyEval_EvalCode($0, globals.pointer, globals.pointer) })
    withExtendedLifetime(globals) {}
    guard let install = globals.item("install") else {
      throw PythonError(type: "ImportError", message: "\(finderPath) has no install()")
    }
    _ = try install.call([files])
  }
}
