import Autograd

/// A level of the groups that the nn types tag values with (``/Autograd/NodeGroup``).
public enum GroupLevel: String, CaseIterable, Sendable {
  /// One group per layer of a model.
  case layer
  /// One group per neuron of a layer; values that belong to a layer as a whole form a group
  /// of their own.
  case neuron

  /// `group` as this level sees it: the neuron is dropped at the layer level.
  func key(_ group: NodeGroup) -> NodeGroup {
    switch self {
    case .layer: NodeGroup(layer: group.layer)
    case .neuron: group
    }
  }
}
