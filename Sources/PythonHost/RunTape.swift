import Autograd
import CPython

/// The tape of one script run and, for each node, the Python object that stands for it.
///
/// Each node has at most one live Python `Value` at a time, so `v._prev` gives the very
/// objects the script holds, and identity, `id()` and sets behave as they do for micrograd's
/// objects. The table does not own the objects: each object removes itself when it is freed.
/// Each object holds a strong reference to its `RunTape`, so a `Value` that outlives its run
/// still reads its own node.
///
/// Only the interpreter's thread uses a run's table, so its properties are not checked for
/// overlapping access at run time: every operation of a script reads them.
final class RunTape {
  let tape: Tape
  /// For the micrograd flavour: the nodes whose data, or whose grad, is a Python `int` as
  /// micrograd would hold it (`Value(0)`, `p.grad = 0`), so that they print as `0`, not
  /// `0.0`. An assignment of a float, or a backward pass, makes them floats again.
  @exclusivity(unchecked) var intData = NodeFlags()
  @exclusivity(unchecked) var intGrad = NodeFlags()
  @exclusivity(unchecked) private var objects: UnsafeMutablePointer<UnsafeMutablePointer<PyObject>?>
  @exclusivity(unchecked) private var capacity: Int

  init(tape: Tape = Tape()) {
    self.tape = tape
    capacity = 1024
    objects = .allocate(capacity: capacity)
    objects.initialize(repeating: nil, count: capacity)
  }

  deinit { objects.deallocate() }

  /// The live object for `node`, borrowed, if there is one.
  @inline(__always)
  func object(for node: Int) -> UnsafeMutablePointer<PyObject>? {
    node < capacity ? objects[node] : nil
  }

  /// Records `object` as the live object for `node`.
  @inline(__always)
  func register(_ object: UnsafeMutablePointer<PyObject>, for node: Int) {
    if node >= capacity { grow(to: node + 1) }
    objects[node] = object
  }

  /// Forgets `object` as the live object for `node`, if it is the one recorded.
  @inline(__always)
  func unregister(_ object: UnsafeMutablePointer<PyObject>, for node: Int) {
    if node < capacity, objects[node] == object { objects[node] = nil }
  }

  private func grow(to needed: Int) {
    var size = capacity
    while size < needed { size *= 2 }
    let new = UnsafeMutablePointer<UnsafeMutablePointer<PyObject>?>.allocate(capacity: size)
    new.moveInitialize(from: objects, count: capacity)
    (new + capacity).initialize(repeating: nil, count: size - capacity)
    objects.deallocate()
    objects = new
    capacity = size
  }
}
