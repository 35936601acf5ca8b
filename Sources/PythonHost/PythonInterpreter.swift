import CPython
import Foundation

/// The embedded CPython interpreter, on one thread of its own.
///
/// The interpreter is started on that thread the first time it is needed (``perform(_:)``),
/// which makes it Python's main thread: signal handlers (Ctrl-C) and pending calls (the
/// timeout) run there. Every call into Python happens on it with the GIL held; the GIL is
/// released only while the thread waits for work, so threads a script starts still run.
///
/// Start-up follows "Initialization, Finalization, and Threads" in CPython's documentation:
/// a `PyConfig` of the Python configuration (environment variables and `site` honoured, so
/// the system's `dist-packages`, such as Debian's numpy and matplotlib, import), `_gradviz`
/// added with `PyImport_AppendInittab`, and the finder of the embedded glue modules appended
/// to `sys.meta_path` last, so that a script's own module or an installed package wins.
final class PythonInterpreter: @unchecked Sendable {
  static let shared = PythonInterpreter()

  private let condition = NSCondition()
  private var jobs: [() -> Void] = []
  /// The interpreter's thread, set by that thread itself as it starts.
  private var threadID: pthread_t?
  /// Why start-up failed, if it did.
  private(set) var startFailure: String?

  private init() {}

  /// Whether the calling thread is the interpreter's.
  var isCurrent: Bool { threadID.map { pthread_equal($0, pthread_self()) != 0 } ?? false }

  /// Runs `body` on the interpreter's thread with the GIL held and returns its result;
  /// blocks the caller until it is done. Reentrant: a call from that thread runs at once.
  ///
  /// The result crosses from the interpreter's thread to the caller's, so it is `sending`:
  /// `body` gives up what it returns, and nothing on the interpreter's thread goes on using
  /// it (a run's tape, after the run has ended).
  ///
  /// - Throws: ``PythonError`` when the interpreter could not start.
  func perform<T>(_ body: @escaping @Sendable () -> sending T) throws(PythonError) -> sending T {
    if isCurrent { return body() }
    start()
    if let startFailure { throw PythonError(type: "ImportError", message: startFailure) }
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let job = {
      box.store(body())
      done.signal()
    }
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
    done.wait()
    guard let value = box.take() else {
      preconditionFailure("the interpreter's thread ran no job")
    }
    return value
  }

  private func start() {
    condition.lock()
    defer { condition.unlock() }
    guard threadID == nil, startFailure == nil else { return }
    if let refusal = Self.addressSpaceRefusal() {
      startFailure = refusal
      return
    }
    // A parent may have left Ctrl-C blocked (the mask is inherited across exec); the
    // interpreter's thread, started from this one, must be able to receive it.
    Self.unblockInterrupt()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, 64 << 20)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    let started = DispatchSemaphore(value: 0)
    let context = Unmanaged.passRetained(Start(interpreter: self, started: started))
    var id = pthread_t()
    // pthread_create, not Foundation's Thread: a thread that cannot start (an address-space
    // or process limit) is an error to report, never a start-up to wait for forever.
    let status = pthread_create(
      &id, &attributes,
      { raw in
        guard let raw else { return nil }
        let start = Unmanaged<Start>.fromOpaque(raw).takeRetainedValue()
        let interpreter = start.interpreter
        interpreter.threadID = pthread_self()
        PythonInterpreter.unblockInterrupt()
        interpreter.startFailure = PythonInterpreter.initialize()
        start.started.signal()
        if interpreter.startFailure == nil { interpreter.serve() }
        return nil
      }, context.toOpaque())
    guard status == 0 else {
      context.release()
      startFailure =
        "cannot start the interpreter's thread: \(String(cString: strerror(status)))"
      return
    }
    // Wait with the lock held, so that a caller on another thread cannot find `threadID`
    // still unset and start a second interpreter; the new thread takes the lock only after
    // signalling.
    started.wait()
  }

  /// The address space a run needs, in bytes: the interpreter's thread has a 64 MiB stack,
  /// and CPython, the engine and the Swift runtime need the rest. Under a smaller limit
  /// (`ulimit -v`) an allocation would fail somewhere no error can be raised (the Swift
  /// runtime ends the process), so the run is refused before it starts.
  static let addressSpaceNeeded: UInt = 200 << 20

  /// Why this process's address-space limit is too small for a run, or `nil`.
  static func addressSpaceRefusal() -> String? {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0,
      limit.rlim_cur != rlim_t.max,
      limit.rlim_cur < addressSpaceNeeded
    else { return nil }
    return "an address-space limit of \(limit.rlim_cur >> 20) MiB (ulimit -v) is below the "
      + "\(addressSpaceNeeded >> 20) MiB a run needs"
  }

  /// What the interpreter's thread is handed when it starts.
  private final class Start {
    let interpreter: PythonInterpreter
    let started: DispatchSemaphore
    init(interpreter: PythonInterpreter, started: DispatchSemaphore) {
      self.interpreter = interpreter
      self.started = started
    }
  }

  /// Runs jobs forever, holding the GIL only while one runs.
  private func serve() {
    var state = PyEval_SaveThread()
    while true {
      condition.lock()
      while jobs.isEmpty { condition.wait() }
      let job = jobs.removeFirst()
      condition.unlock()
      PyEval_RestoreThread(state)
      job()
      state = PyEval_SaveThread()
    }
  }

  /// Unblocks SIGINT in the calling thread.
  private static func unblockInterrupt() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// Starts the interpreter; returns why it failed, or `nil`.
  private static func initialize() -> String? {
    // The table keeps the name's pointer: it must outlive the interpreter.
    PyImport_AppendInittab(NativeValue.permanent("_gradviz"), GradvizModule.initialize)
    var config = PyConfig()
    PyConfig_InitPythonConfig(&config)
    defer { PyConfig_Clear(&config) }
    config.parse_argv = 0
    config.install_signal_handlers = 1
    let status = Py_InitializeFromConfig(&config)
    if PyStatus_Exception(status) != 0 {
      return status.err_msg.map { String(cString: $0) } ?? "Python could not start"
    }
    // Python ignores SIGPIPE; gradviz's own output ends quietly when its reader goes away
    // (`gradviz dot x.py | head`), as any Unix filter does.
    signal(SIGPIPE, SIG_DFL)
    do {
      try EmbeddedModules.install()
    } catch {
      return "the embedded Python modules could not be installed: \(error)"
    }
    return nil
  }
}

/// The result of a job, handed from the interpreter's thread to the caller.
///
/// `@unchecked Sendable` because the two threads never touch it at once: the interpreter's
/// thread stores the result and then signals, and the caller takes it only after that signal.
/// What it holds was returned as `sending`, so the caller may own it.
private final class ResultBox<T>: @unchecked Sendable {
  private var value: T?

  func store(_ result: sending T) { value = result }

  func take() -> sending T? {
    let result = value
    value = nil
    return result
  }
}
