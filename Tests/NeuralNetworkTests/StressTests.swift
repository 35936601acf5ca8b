import Autograd
import Foundation
import NeuralNetwork
import Testing

/// Long runs for `make stress` (set GRADVIZ_STRESS=1); `make test` skips them.
@Suite("Stress", .enabled(if: ProcessInfo.processInfo.environment["GRADVIZ_STRESS"] != nil))
struct TrainingStressTests {
  /// A longer, wider run on built-in data: the loss stays finite and falls, memory stays that
  /// of one step, and the dot graph and micrograd's graph stay bit-identical throughout.
  @Test func longRunStaysFiniteAndGraphsAgree() {
    let data = Dataset.twoMoons(count: 200, noise: 0.15, seed: 11)
    let dotTape = Tape()
    let chainTape = Tape()
    var dot = Training(
      model: MLP(inputCount: 2, layerSizes: [32, 32, 1], seed: 5, on: dotTape), data: data,
      steps: 150)
    var chain = Training(
      model: MLP(
        inputCount: 2, layerSizes: [32, 32, 1], seed: 5, graph: .micrograd, on: chainTape),
      data: data,
      steps: 150)
    let parameters = dotTape.count
    var first = 0.0
    var last = 0.0
    for k in 0..<150 {
      let a = dot.runStep()
      let b = chain.runStep()
      #expect(a.loss == b.loss && a.accuracy == b.accuracy, "step \(k)")
      #expect(a.loss.isFinite)
      if k == 0 { first = a.loss }
      last = a.loss
    }
    #expect(dotTape.count == parameters)
    #expect(last < first / 5)
  }
}
