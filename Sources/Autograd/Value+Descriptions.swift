extension Value: CustomStringConvertible, CustomDebugStringConvertible {
  /// `Value(data=4.0)`, as micrograd's `__repr__` prints it (the number as Python prints a
  /// float).
  public var description: String {
    "Value(data=\(PythonFormat.float(data)))"
  }

  /// `Value(data=4.0, grad=1.0, op="+", label="d")`.
  public var debugDescription: String {
    "Value(data=\(PythonFormat.float(data)), grad=\(PythonFormat.float(grad)), "
      + "op=\"\(op)\", label=\"\(label)\")"
  }
}
