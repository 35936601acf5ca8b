import Autograd
import CPython

/// The state of the script run in progress, shared by the `_gradviz` functions and the
/// runner. Only the interpreter's thread touches it.
enum Host {
  /// The tape that new `Value`s record onto.
  nonisolated(unsafe) static var run = RunTape()
  /// Whether the script called `backward()` or `_backward()`, or assigned a `grad`.
  nonisolated(unsafe) static var scriptSetGradients = false
  /// The pictures that `draw_dot` calls recorded, in order.
  nonisolated(unsafe) static var pictures: [Picture] = []
  /// The name the script's code objects carry (its path as given), for locating notes.
  nonisolated(unsafe) static var fileName = "<-e>"
  /// Where the top-level statement now running starts, for notes made outside the script's
  /// own frames.
  nonisolated(unsafe) static var statementLine = 1
  /// Receives each note as it is made.
  nonisolated(unsafe) static var noteHandler: (ScriptNote) -> Void = { _ in }
  /// The notes already given in this run, so each is given once.
  nonisolated(unsafe) static var notesGiven: Set<String> = []

  /// Starts a new run on a fresh tape.
  static func begin(fileName: String, notes: @escaping (ScriptNote) -> Void) {
    run = RunTape()
    scriptSetGradients = false
    pictures = []
    self.fileName = fileName
    statementLine = 1
    noteHandler = notes
    notesGiven = []
  }

  /// Ends the run: the tape is kept only by the objects that still refer to it.
  static func end() {
    run = RunTape()
    pictures = []
    noteHandler = { _ in }
    notesGiven = []
  }

  /// Gives a note located at the innermost frame of the script's own file, else at the
  /// start of the statement now running.
  static func note(_ message: String, line: Int? = nil, column: Int = 1) {
    let where_ = line ?? scriptLine() ?? statementLine
    let key = "\(where_):\(message)"
    guard notesGiven.insert(key).inserted else { return }
    // What the script printed before this note goes out first.
    flushStandardStreams()
    noteHandler(ScriptNote(fileName: fileName, line: where_, column: column, message: message))
  }

  /// The line of the innermost frame running code of the script's own file.
  static func scriptLine() -> Int? {
    guard
      var frame = PyEval_GetFrame().map({
        PythonObject(borrowing: UnsafeMutableRawPointer($0).assumingMemoryBound(to: PyObject.self))
      })
    else { return nil }
    while true {
      let framePointer = OpaquePointer(frame.pointer)
      if let code = PyFrame_GetCode(framePointer) {
        let file = PythonObject(
          owning: UnsafeMutableRawPointer(code).assumingMemoryBound(to: PyObject.self))
        if file?.attributeString("co_filename") == fileName {
          return Int(PyFrame_GetLineNumber(framePointer))
        }
      }
      guard let back = PyFrame_GetBack(framePointer),
        let previous = PythonObject(
          owning: UnsafeMutableRawPointer(back).assumingMemoryBound(to: PyObject.self))
      else { return nil }
      frame = previous
    }
  }

  static func flushStandardStreams() {
    for name in ["stdout", "stderr"] {
      guard let stream = PySys_GetObject(name), stream != Python.none else { continue }
      if PythonObject(owning: PyObject_CallMethod0(stream, "flush")) == nil { PyErr_Clear() }
    }
  }
}

extension PythonObject {
  /// `getattr(self, name)` as a string, or `nil`.
  func attributeString(_ name: String) -> String? {
    guard let value = PythonObject(owning: PyObject_GetAttrString(pointer, name)) else {
      PyErr_Clear()
      return nil
    }
    return value.string
  }
}

/// `object.name()`.
func PyObject_CallMethod0(_ object: UnsafeMutablePointer<PyObject>, _ name: String)
  -> UnsafeMutablePointer<PyObject>?
{
  guard let method = PyObject_GetAttrString(object, name) else { return nil }
  defer { Py_DecRef(method) }
  return PyObject_CallNoArgs(method)
}
