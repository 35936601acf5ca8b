import CPython

extension ScriptHost {
  /// One leaf to nudge in a re-run: the `index`-th leaf object the script's own classes
  /// make (in creation order, from 0) gets `data` as soon as its `__init__` returns.
  public struct Nudge: Sendable, Equatable {
    public let index: Int
    public let data: Double

    public init(index: Int, data: Double) {
      self.index = index
      self.data = data
    }
  }

  /// What one re-run of a script's forward gave.
  public struct Rerun: Sendable {
    /// The root's data, `nil` when the run never reached the root (it raised before the
    /// drawing, or made no value).
    public let rootData: Double?
    /// The number of lines the run printed (standard output and standard error, captured).
    public let printedLines: Int
    /// The error the run raised, or that `sys.exit(n)` with `n != 0` ended it with; `nil`
    /// when it ran through (or stopped at the root).
    public let error: ScriptError?
    /// With `record`: the graph below the root, node for node in the tracer's topological
    /// order (the positions of ``OwnClassGraphs``' graphs), `nil` without or when the root
    /// is not value-like.
    public let graph: Graph?
  }

  /// The graph a recording re-run read below its root.
  public struct Graph: Sendable, Equatable {
    /// Each node's data and op.
    public let data: [Double]
    public let ops: [String]
    /// For each leaf, its creation index (see ``Nudge``) and its data when its `__init__`
    /// returned; `nil` for operations and for leaves no class of the script's own code made
    /// during the run.
    public let leaves: [Leaf?]
  }

  /// A leaf's creation index and its data when it was made.
  public struct Leaf: Sendable, Equatable {
    public let index: Int
    public let dataWhenMade: Double
  }

  /// Runs `script` again as ``run(_:options:notes:)`` does (a fresh namespace, the seed and
  /// the timeout of `options`), with at most one leaf nudged, for central differences of the
  /// whole script.
  ///
  /// While the run lasts, every class that the script's own code defines (the script, a
  /// notebook's cells, the modules of its folder) has its `__init__` wrapped to number the
  /// leaves it makes. `draw_dot` records no picture; prints (and notes) are captured, never
  /// shown; gradviz runs no backward.
  ///
  /// - Parameters:
  ///   - script: the script or notebook.
  ///   - options: the seed, the timeout and the arguments; ``Options/backward``,
  ///     ``Options/output`` and ``Options/picturesFolder`` are not used.
  ///   - picture: the root is the argument of this `draw_dot` call (0-based, as in
  ///     ``ScriptRun/pictures``), and the run stops there (a notebook's later cells do not
  ///     run); `nil`: the root is the last value, as ``ScriptRun/root``, after the whole run.
  ///   - nudge: the leaf to nudge, or `nil`.
  ///   - record: whether to read the graph below the root (``Rerun/graph``).
  /// - Returns: the root's data, what was printed, the error.
  /// - Throws: ``ScriptError`` for Ctrl-C (status 130), when the interpreter cannot start
  ///   (status 71), or when gradviz's own host fails.
  /// - Complexity: one run of the script up to the root, plus one trace of the graph below it
  ///   with `record`.
  public static func rerun(
    _ script: Script, options: Options, picture: Int?, nudge: Nudge?, record: Bool
  ) throws(ScriptError) -> Rerun {
    let outcome: Result<Rerun, ScriptError>
    do {
      outcome = try PythonInterpreter.shared.perform {
        executeRerun(script, options: options, picture: picture, nudge: nudge, record: record)
      }
    } catch {
      throw .system("Python could not start (\(error.message))", fileName: script.fileName)
    }
    return try outcome.get()
  }

  private static func executeRerun(
    _ script: Script, options: Options, picture: Int?, nudge: Nudge?, record: Bool
  ) -> Result<Rerun, ScriptError> {
    Host.begin(fileName: script.fileName, notes: { _ in })
    defer { Host.end() }
    let nudging: PythonObject
    do {
      let module = try PythonError.check(PyImport_ImportModule("_gradviz_host.nudge"))
      let none = PythonObject(borrowing: Python.none)
      nudging = try module.attribute("Nudging").call([
        try picture.map { i throws(PythonError) in try PythonError.check(PyLong_FromSsize_t(i)) }
          ?? none,
        try PythonError.check(PyLong_FromSsize_t(nudge?.index ?? -1)),
        try PythonError.check(PyFloat_FromDouble(nudge?.data ?? 0)),
        try PythonError.check(PyBool_FromLong(record ? 1 : 0)),
      ])
    } catch {
      return .failure(
        ScriptError(
          fileName: script.fileName, line: 1, column: 1,
          message: "gradviz's Python host failed: \(error)", sourceLine: ""))
    }
    let result: PythonObject
    switch callRunner(
      script, options: options, output: "capture", picturesFolder: nil, nudging: nudging)
    {
    case .success(let answer): result = answer
    case .failure(let failure): return .failure(failure)
    }
    Host.flushStandardStreams()
    let output = result.item("output")?.string ?? ""
    // Lines as `print` ends them; a last line without its line break counts too.
    var lines = output.utf8.filter { $0 == UInt8(ascii: "\n") }.count
    if !output.isEmpty, !output.hasSuffix("\n") { lines += 1 }
    var error: ScriptError?
    if let diagnostic = result.item("error"), !diagnostic.isNone {
      let raised = ScriptError(diagnostic: diagnostic, timeout: options.timeout)
      if raised.status == 130 { return .failure(raised) }
      error = raised
    } else if let status = result.item("exit")?.int, status != 0 {
      error = ScriptError(
        silentStatus: Int32(truncatingIfNeeded: status), fileName: script.fileName)
    }
    let found = (try? nudging.attribute("found")).map { PyObject_IsTrue($0.pointer) == 1 } ?? false
    let rootData = found ? (try? nudging.attribute("root_data"))?.double : nil
    var graph: Graph?
    if record, let read = try? nudging.attribute("leaves"), !read.isNone {
      let leaves = (read.item("leaves")?.elements ?? []).map { entry -> Leaf? in
        let parts = entry.elements
        guard parts.count == 2, let index = parts[0].int, let data = parts[1].double else {
          return nil
        }
        return Leaf(index: index, dataWhenMade: data)
      }
      graph = Graph(
        data: (read.item("data")?.elements ?? []).map { $0.double ?? .nan },
        ops: (read.item("op")?.elements ?? []).map { $0.string ?? "" }, leaves: leaves)
    }
    PyErr_Clear()
    return .success(Rerun(rootData: rootData, printedLines: lines, error: error, graph: graph))
  }
}
