import Rendering
import Testing

@Suite("gradient colours")
struct GradientScaleTests {
  @Test("four decades per sign, counted down from the largest magnitude")
  func shades() {
    let scale = GradientScale(grads: [250, -0.3, 0, .nan], computed: [true, true, true, true])
    #expect(scale.top == 2)
    #expect(scale.fill(250, computed: true) == GradientScale.Fill(fill: "#b2182b", font: "#ffffff"))
    #expect(scale.fill(100, computed: true)?.fill == "#b2182b")
    #expect(scale.fill(99.9, computed: true)?.fill == "#d6604d")
    #expect(scale.fill(-10, computed: true)?.fill == "#4393c3")
    #expect(scale.fill(-9.99, computed: true)?.fill == "#92c5de")
    #expect(scale.fill(-0.3, computed: true)?.fill == "#d1e5f0")
    #expect(scale.fill(1e-300, computed: true)?.fill == "#fddbc7")
  }

  @Test("zero, NaN, infinities and not computed stand apart")
  func specials() {
    let scale = GradientScale(grads: [1], computed: [true])
    #expect(scale.fill(0, computed: true)?.fill == GradientScale.zero)
    #expect(scale.fill(-0.0, computed: true)?.fill == GradientScale.zero)
    #expect(scale.fill(.nan, computed: true)?.fill == GradientScale.nan)
    #expect(scale.fill(.infinity, computed: true)?.fill == GradientScale.infinite)
    #expect(scale.fill(-.infinity, computed: true)?.fill == GradientScale.infinite)
    #expect(scale.fill(5, computed: false) == nil)
    let fills = Set(
      GradientScale.positive + GradientScale.negative
        + [GradientScale.zero, GradientScale.nan, GradientScale.infinite])
    #expect(fills.count == 11)
  }

  @Test("a grad is banded by the number its record shows")
  func bandsAgreeWithTheText() throws {
    // The neuron's w1.grad, 0.9999999999999996, shows as `grad 1.0000`: the decade of 1.
    let grads = [-1.4999999999999993, 0.4999999999999998, 0.9999999999999996, 0, 1.0]
    let scale = GradientScale(grads: grads, computed: grads.map { _ in true })
    #expect(FieldFormat.number(0.9999999999999996) == "1.0000")
    #expect(scale.top == 0)
    #expect(scale.fill(0.9999999999999996, computed: true) == scale.fill(1.0, computed: true))
    #expect(scale.fill(0.9999999999999996, computed: true)?.fill == GradientScale.positive[0])
    #expect(scale.fill(-0.99996, computed: true)?.fill == GradientScale.negative[0])
    #expect(scale.fill(0.99994, computed: true)?.fill == GradientScale.positive[1])
    // The largest grad is read as shown too: 9.99996 shows as 10.0000.
    #expect(GradientScale(grads: [9.99996], computed: [true]).top == 1)
    // Scientific notation, as shown: 9.99996e-06 is 1.0000e-05.
    let small = GradientScale(grads: [1e-5], computed: [true])
    #expect(small.fill(9.99996e-06, computed: true)?.fill == GradientScale.positive[0])
  }

  @Test("infinite and uncomputed grads do not set the scale")
  func scaleIgnoresSpecials() {
    #expect(GradientScale(grads: [.infinity, 1e6, 0.5], computed: [true, false, true]).top == -1)
    #expect(GradientScale(grads: [0, .nan], computed: [true, true]).top == nil)
  }

  @Test("the legend names the decades")
  func legend() {
    let html = GradientScale(grads: [0.5], computed: [true]).legendHTML()
    for text in ["+ ≥ 1e-1", "+ 1e-2 to 1e-1", "− &lt; 1e-3", "not computed", "thick border: root"]
    {
      #expect(html.contains(text), "\(text)")
    }
    // Compact: a row per decade for both signs, two rows of special fills, one of borders.
    #expect(html.components(separatedBy: "<TR>").count - 1 == 8)
  }
}
