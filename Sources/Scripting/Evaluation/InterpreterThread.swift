import Dispatch
import Foundation

/// Runs work on a thread of its own with a large stack, and waits for it.
///
/// The parser and the evaluator recurse over syntax trees. Their depth is bounded (see
/// ``Limits``), but how much stack a bounded depth needs depends on the build (debug frames
/// are several times larger) and the caller's thread may have a small stack (512 KiB for
/// secondary threads on some platforms, and for Swift concurrency's cooperative threads). So
/// scripts run on a thread whose stack is known to hold the worst case many times over.
enum InterpreterThread {
  /// The stack size of the thread: eight times what the deepest script allowed by ``Limits``
  /// needs in a debug build (measured at under 4 MiB; far less when optimized). Only the pages
  /// touched are ever committed.
  static let stackSize = 32 << 20

  /// Hands a closure to the thread and the result back.
  private final class Handoff<Result>: @unchecked Sendable {
    var body: (() -> Result)?
    var result: Result?

    init(_ body: @escaping () -> Result) {
      self.body = body
    }
  }

  /// Calls `body` on a new thread with a ``stackSize`` stack and returns its result once it
  /// is done. The calling thread blocks meanwhile, so `body` may use anything the caller
  /// owns.
  static func run<Result>(_ body: () -> Result) -> Result {
    withoutActuallyEscaping(body) { body in
      let handoff = Handoff(body)
      let done = DispatchSemaphore(value: 0)
      let thread = Thread {
        handoff.result = handoff.body?()
        // Drop the closure before signalling: `withoutActuallyEscaping` checks that it did
        // not outlive the call.
        handoff.body = nil
        done.signal()
      }
      thread.stackSize = stackSize
      thread.start()
      done.wait()
      guard let result = handoff.result else {
        preconditionFailure("the interpreter thread returned no result")
      }
      return result
    }
  }
}
