/// Frees nested objects without recursion.
///
/// Releasing a list that holds the only reference to another list releases that one too,
/// and so on: a list nested a million deep, or a million closures each capturing the
/// previous one, would overflow the stack. So the containers' `deinit`s hand their children
/// to ``drain(_:scopes:)``, which takes apart every container it holds the only reference
/// to before releasing it, so that each release has nothing left to recurse into.
enum Reclaimer {
  /// Releases `objects` and `scopes`, taking apart uniquely referenced containers first.
  static func drain(_ objects: inout [Object], scopes: inout [Scope]) {
    while true {
      if var object = objects.popLast() {
        object.dismantle(into: &objects, scopes: &scopes)
      } else if var scope = scopes.popLast() {
        if isKnownUniquelyReferenced(&scope) {
          objects.append(contentsOf: scope.values.values)
          scope.values = [:]
          if let parent = scope.parent { scopes.append(parent) }
          scope.parent = nil
        }
      } else {
        return
      }
    }
  }

  static func drain(_ objects: inout [Object]) {
    var scopes: [Scope] = []
    drain(&objects, scopes: &scopes)
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

  /// Becomes `.none`; if this was the only reference to a container, moves the container's
  /// children into `objects` and `scopes` first.
  mutating func dismantle(into objects: inout [Object], scopes: inout [Scope]) {
    switch self {
    case .list(var storage), .tuple(var storage):
      self = .none
      if isKnownUniquelyReferenced(&storage) {
        objects.append(contentsOf: storage.elements)
        storage.elements = []
      }
    case .function(var function):
      self = .none
      if isKnownUniquelyReferenced(&function) {
        objects.append(contentsOf: function.defaults.compactMap { $0 })
        function.defaults = []
        if let closure = function.closure { scopes.append(closure) }
        function.closure = nil
      }
    case .method(let receiver, _):
      self = .none
      objects.append(receiver)
    default:
      self = .none
    }
  }
}
