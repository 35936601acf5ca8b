#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension Tape {
  /// Runs `body` with `tape` as the current tape, the one that `Value(_:label:)` records onto.
  ///
  /// ```swift
  /// let grad = Tape.withCurrent { _ in
  ///   let a = Value(2.0, label: "a")
  ///   let b = a * a + 1
  ///   b.backward()
  ///   return a.grad   // 4.0
  /// }
  /// // Nothing refers to the scope's tape any more: it has been freed.
  /// ```
  ///
  /// Scopes nest: an inner scope's tape is current until it returns, then the outer one is
  /// again. When the scope returns, the tape is kept alive only by what still refers to it
  /// (a `Value` that `body` returned, or the caller's own reference), so a scope that returns
  /// plain numbers frees its graph, however large, as it ends.
  ///
  /// The scope belongs to the thread that runs `body`, which is why `body` cannot `await`:
  /// threads and tasks started inside it do not see it, and since a ``Tape`` is not
  /// `Sendable` (it is not thread-safe), neither the tape nor its values can be handed to
  /// them. Concurrent computations each open a scope of their own, on a tape of their own.
  ///
  /// - Parameters:
  ///   - tape: the tape to record onto; a new, empty one when omitted.
  ///   - body: the computation; it receives `tape`.
  /// - Returns: what `body` returns.
  /// - Throws: what `body` throws; the previous current tape is restored either way.
  public static func withCurrent<Result, Failure: Error>(
    _ tape: Tape = Tape(), _ body: (Tape) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let previous = CurrentTape.get()
    // `tape` is alive for the whole call (the caller holds it), so the slot need not retain it.
    CurrentTape.set(tape)
    defer { CurrentTape.set(previous) }
    return try body(tape)
  }

  /// The tape of the innermost ``withCurrent(_:_:)`` scope running on this thread.
  ///
  /// `Value(_:label:)` and the model initializers of NeuralNetwork that take no tape record
  /// onto it. There is no process-wide default tape.
  ///
  /// - Precondition: a ``withCurrent(_:_:)`` scope is running on this thread; outside one,
  ///   reading it stops the program with a message saying so. Pass a tape explicitly
  ///   (`Value(_:label:on:)`) where there is no scope.
  public static var current: Tape {
    guard let tape = CurrentTape.get() else {
      // fatalError, not preconditionFailure: the message is kept in release builds too.
      fatalError(
        "no current tape: Value(_:label:) records onto the tape of the enclosing "
          + "Tape.withCurrent { ... } scope; open one, or pass a tape with Value(_:label:on:)")
    }
    return tape
  }
}

/// The current tape of each thread: a thread-specific slot holding an unretained reference,
/// set and restored only by ``Tape/withCurrent(_:_:)``, whose caller keeps the tape alive.
///
/// A thread's slot, not a task-local value: task-local values are inherited by child tasks,
/// which run concurrently with their parent, and a tape is not thread-safe. `withCurrent`'s
/// body is synchronous, so it runs on one thread from start to end and only code on that
/// thread sees its tape.
private enum CurrentTape {
  static let key: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key, nil)
    precondition(status == 0, "cannot make the current tape's thread-specific slot: \(status)")
    return key
  }()

  @inline(__always)
  static func get() -> Tape? {
    pthread_getspecific(key).map { Unmanaged<Tape>.fromOpaque($0).takeUnretainedValue() }
  }

  @inline(__always)
  static func set(_ tape: Tape?) {
    pthread_setspecific(key, tape.map { Unmanaged.passUnretained($0).toOpaque() })
  }
}
