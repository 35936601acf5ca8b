import Foundation

/// Frees nested objects without recursion.
///
/// Releasing a list that holds the only reference to another list releases that one too,
/// and so on: a list nested a million deep, or a million closures each capturing the
/// previous one, would overflow the stack. So the `deinit`s of lists, tuples, functions and
/// scopes hand their children to ``bury(_:scopes:)`` rather than releasing them. The first
/// such call on a thread releases the children one by one in a loop; a release that frees
/// another container only adds that container's children to the loop's work, and returns.
/// However deep the nesting, the stack stays one release deep.
enum Reclaimer {
  /// The objects waiting to be released on one thread.
  private final class Graveyard {
    var objects: [Object] = []
    var scopes: [Scope] = []
    var isDraining = false
  }

  /// The key of each thread's graveyard.
  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { pointer in
      guard let pointer else { return }
      Unmanaged<Graveyard>.fromOpaque(pointer).release()
    }
    precondition(status == 0, "pthread_key_create failed: \(status)")
    return key
  }()

  /// The current thread's graveyard.
  private static var graveyard: Graveyard {
    if let pointer = pthread_getspecific(key) {
      return Unmanaged<Graveyard>.fromOpaque(pointer).takeUnretainedValue()
    }
    let graveyard = Graveyard()
    pthread_setspecific(key, Unmanaged.passRetained(graveyard).toOpaque())
    return graveyard
  }

  /// Releases `objects` and `scopes`, emptying them, without recursing into what they hold.
  ///
  /// - Complexity: O(n) in the number of objects freed as a result, with O(1) stack.
  static func bury(_ objects: inout [Object], scopes: inout [Scope]) {
    let yard = graveyard
    yard.objects.append(contentsOf: objects)
    objects = []
    yard.scopes.append(contentsOf: scopes)
    scopes = []
    guard !yard.isDraining else { return }
    yard.isDraining = true
    while true {
      // Each popped object is released at the end of its iteration; if that frees a
      // container, its deinit calls `bury`, which only appends to the graveyard.
      if let object = yard.objects.popLast() {
        _ = object
      } else if let scope = yard.scopes.popLast() {
        _ = scope
      } else {
        break
      }
    }
    yard.isDraining = false
  }

  static func bury(_ objects: inout [Object]) {
    var scopes: [Scope] = []
    bury(&objects, scopes: &scopes)
  }
}

extension Object {
  /// Whether the object holds other objects, so that releasing it could recurse.
  var isContainer: Bool {
    switch self {
    case .list, .tuple, .function, .method: true
    default: false
    }
  }
}
