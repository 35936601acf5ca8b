import Autograd
import CPython

/// `data`, `grad`, `label`, `_op`, `_prev`; `repr`, `hash`; and a note for an attribute set
/// under a near miss of one of these names.
extension NativeValue {
  typealias Getter = @convention(c) (Object?, UnsafeMutableRawPointer?) -> Object?
  typealias Setter = @convention(c) (Object?, Object?, UnsafeMutableRawPointer?) -> Int32

  static let getData: Getter = { object, _ in
    guard let object else { return nil }
    let (run, node) = handle(object)
    let data = run.tape.columns.data[node]
    if !run.intData.isEmpty, run.intData.contains(node) { return PyLong_FromDouble(data) }
    return PyFloat_FromDouble(data)
  }

  static let setData: Setter = { object, new, _ in
    guard let object else { return -1 }
    guard let new else { return deleteError("data") }
    guard let number = Arguments.number(new, what: "Value.data") else { return -1 }
    let (run, node) = handle(object)
    value(object).data = number
    if flavour(object) == .micrograd, Python.isInt(new), number.magnitude < 0x1p53 {
      run.intData.insert(node)
    } else if !run.intData.isEmpty {
      run.intData.remove(node)
    }
    return 0
  }

  /// A gradient never computed reads `0.0`, or `0` (an `int`) for the micrograd flavour, as
  /// micrograd's `self.grad = 0`.
  static let getGrad: Getter = { object, _ in
    guard let object else { return nil }
    let v = value(object)
    if flavour(object) == .micrograd {
      if !v.isGradComputed { return PyLong_FromLong(0) }
      let run = handle(object).run
      if !run.intGrad.isEmpty, run.intGrad.contains(v.id) { return PyLong_FromDouble(v.grad) }
    }
    return PyFloat_FromDouble(v.grad)
  }

  static let setGrad: Setter = { object, new, _ in
    guard let object else { return -1 }
    guard let new else { return deleteError("grad") }
    guard let number = Arguments.number(new, what: "Value.grad") else { return -1 }
    Host.scriptSetGradients = true
    let (run, node) = handle(object)
    value(object).grad = number
    if flavour(object) == .micrograd, Python.isInt(new), number.magnitude < 0x1p53 {
      run.intGrad.insert(node)
    } else if !run.intGrad.isEmpty {
      run.intGrad.remove(node)
    }
    return 0
  }

  static let getLabel: Getter = { object, _ in
    guard let object else { return nil }
    return PyUnicode_FromString(value(object).label)
  }

  static let setLabel: Setter = { object, new, _ in
    guard let object else { return -1 }
    guard let new else { return deleteError("label") }
    guard let text = PythonObject(borrowing: new).string else {
      _ = Arguments.typeError("Value.label must be a str, not '\(Arguments.typeName(new))'")
      return -1
    }
    value(object).label = text
    return 0
  }

  static let getOp: Getter = { object, _ in
    guard let object else { return nil }
    return PyUnicode_FromString(value(object).op)
  }

  /// The inputs, in operand order, as the live objects the script holds (new ones where it
  /// holds none): `(x, x)` for `x * x`.
  static let getPrevious: Getter = { object, _ in
    guard let object else { return nil }
    let (run, node) = handle(object)
    let inputs = run.tape.inputs(of: node)
    guard let tuple = PyTuple_New(inputs.count) else { return nil }
    for (position, input) in inputs.enumerated() {
      guard let child = NativeValue.object(for: Int(input), on: run, flavour: flavour(object))
      else {
        Py_DecRef(tuple)
        return nil
      }
      PyTuple_SetItem(tuple, position, child)
    }
    return tuple
  }

  static func deleteError(_ name: String) -> Int32 {
    _ = Arguments.typeError("cannot delete Value.\(name)")
    return -1
  }

  /// `Value(data=4.0)`, or micrograd's `Value(data=4.0, grad=0)` for that flavour.
  static let repr: @convention(c) (Object?) -> Object? = { object in
    guard let object else { return nil }
    let v = value(object)
    guard flavour(object) == .micrograd else {
      return PyUnicode_FromString("Value(data=\(PythonFormat.float(v.data)))")
    }
    let run = handle(object).run
    let data =
      run.intData.contains(v.id) ? PythonFormat.number(v.data) : PythonFormat.float(v.data)
    let grad =
      !v.isGradComputed || run.intGrad.contains(v.id)
      ? PythonFormat.number(v.isGradComputed ? v.grad : 0) : PythonFormat.float(v.grad)
    return PyUnicode_FromString("Value(data=\(data), grad=\(grad))")
  }

  /// By node: the same node always hashes the same.
  static let hash: @convention(c) (Object?) -> Py_hash_t = { object in
    guard let object else { return -1 }
    let (run, node) = handle(object)
    var hasher = Hasher()
    hasher.combine(ObjectIdentifier(run))
    hasher.combine(node)
    let result = Py_hash_t(hasher.finalize())
    return result == -1 ? -2 : result
  }

  /// The attributes a script reads and writes on micrograd's `Value`.
  static let knownNames = [
    "data", "grad", "label", "_op", "_prev", "_backward", "backward", "_children",
  ]

  /// Sets the attribute as Python does; a new attribute whose name is one or two edits from a
  /// known one (`lable`) also gets a note: did you mean 'label'?
  static let setAttribute: @convention(c) (Object?, Object?, Object?) -> Int32 = {
    object, name, new in
    let status = PyObject_GenericSetAttr(object, name, new)
    guard status == 0, new != nil, let name, let text = PythonObject(borrowing: name).string,
      !knownNames.contains(text), text.count >= 3,
      let near = knownNames.first(where: { Spelling.distance($0, text) <= 2 })
    else { return status }
    Host.note(
      "'\(text)' is not an attribute of Value; it was set as a new one (did you mean '\(near)'?)")
    return 0
  }
}

/// Near misses of names.
enum Spelling {
  /// The edit distance between two names (insertions, deletions, substitutions and swaps
  /// of neighbours), at most 3.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if abs(a.count - b.count) > 2 { return 3 }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in stride(from: 1, through: a.count, by: 1) {
      for j in stride(from: 1, through: b.count, by: 1) {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
        }
      }
    }
    return min(table[a.count][b.count], 3)
  }
}
