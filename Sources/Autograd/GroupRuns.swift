/// The group of every node of a ``Tape``, kept as runs: a run starts at a node whose group
/// differs from the node before it and covers every node up to the next run's start.
///
/// Recording compares the new node's group with the last run's (no memory is written per
/// node); a model's neuron is one run however many nodes it records. Like its tape, it is not
/// thread-safe (and its properties are not checked for overlapping access, as the tape's are
/// not: recording reads them once per node).
package final class GroupRuns {
  /// The first node of each run, increasing, then its group: an index into the tape's
  /// `groupTable`, or -1 for none.
  @exclusivity(unchecked) private var runs: UnsafeMutablePointer<(start: Int32, group: Int32)>
  @exclusivity(unchecked) private var count = 0
  @exclusivity(unchecked) private var capacity = 16

  /// The group of the last run, which a node recorded next joins unless its group differs;
  /// -1 (no group) before any run.
  @exclusivity(unchecked) private var lastGroup: Int32 = -1

  init() {
    runs = .allocate(capacity: capacity)
  }

  deinit {
    runs.deallocate()
  }

  /// Records that node `id`, after every run's start, and the nodes after it up to the next
  /// call are in `group`: a new run unless the last run's group is `group`.
  ///
  /// - Complexity: amortized O(1); one comparison when the group is the last run's.
  @inline(__always)
  func note(_ id: Int, _ group: Int32) {
    if group != lastGroup { start(Int32(truncatingIfNeeded: id), group) }
  }

  /// Starts a run of `group` at node `id`.
  private func start(_ id: Int32, _ group: Int32) {
    if count == capacity {
      let new = UnsafeMutablePointer<(start: Int32, group: Int32)>.allocate(capacity: 2 * capacity)
      new.moveInitialize(from: runs, count: count)
      runs.deallocate()
      runs = new
      capacity *= 2
    }
    runs[count] = (id, group)
    count += 1
    lastGroup = group
  }

  /// The number of runs that start before node `id`.
  ///
  /// - Complexity: O(log(number of runs)).
  private func runsStarting(before id: Int) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if Int(runs[middle].start) < id { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The group of node `id`: an index into the tape's `groupTable`, or -1.
  ///
  /// - Complexity: O(log(number of runs)).
  package subscript(id: Int) -> Int32 {
    let run = runsStarting(before: id + 1)
    return run == 0 ? -1 : runs[run - 1].group
  }

  /// Forgets the runs of nodes `start` and later.
  ///
  /// - Complexity: O(log(number of runs)).
  func removeAll(from start: Int) {
    count = runsStarting(before: start)
    lastGroup = count == 0 ? -1 : runs[count - 1].group
  }
}
