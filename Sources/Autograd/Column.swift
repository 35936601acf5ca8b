/// One column of a ``Tape``: memory for a fixed number of elements of a trivial type.
///
/// A column does not own its memory and does not know how many of its elements are in use;
/// the tape that holds it allocates it, grows it and frees it, and checks positions before
/// they reach it. Reading and writing an element is one load or store, with no bounds check,
/// reference count or copy-on-write check: this is what makes recording a node cheap.
package struct Column<Element: BitwiseCopyable> {
  /// The first element.
  package private(set) var base: UnsafeMutablePointer<Element>

  /// Allocates room for `capacity` elements, none of them initialized.
  init(capacity: Int) {
    base = .allocate(capacity: Swift.max(capacity, 1))
  }

  /// The element at `position`, which must be below the capacity and written before it is
  /// read.
  @inline(__always)
  package subscript(position: Int) -> Element {
    get { base[position] }
    nonmutating set { base[position] = newValue }
  }

  /// Moves the first `count` elements to new memory for `capacity` elements and frees the old.
  ///
  /// - Complexity: O(`count`).
  mutating func grow(keeping count: Int, to capacity: Int) {
    let new = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
    new.moveInitialize(from: base, count: count)
    base.deallocate()
    base = new
  }

  /// Sets `count` elements from `start` to `value`.
  func fill(from start: Int, count: Int, with value: Element) {
    (base + start).initialize(repeating: value, count: count)
  }

  /// Frees the memory; the column must not be used afterwards.
  func deallocate() {
    base.deallocate()
  }
}
