import Autograd
import GraphvizBindings

/// How a bitmap was scaled down to the default bound: its natural size and the size written,
/// in pixels.
///
/// A bitmap (PNG, JPEG, GIF, ...) whose options give neither ``DrawingOptions/size`` nor
/// ``DrawingOptions/scale`` is bounded by `PictureSize.defaultRaster(dpi:)`: at most
/// ``defaultLongSide`` pixels on its long side. Graphviz does the scaling (its `size`
/// attribute, which shrinks a larger drawing and leaves a smaller one alone); this type
/// tells what it did. The loss graph of `gradviz train --steps 2`, 4,550 x 21,107 pixels at
/// its natural size (a 4.8 MB PNG that takes cairo seconds), is written as 862 x 4,000.
public struct PictureFit: Sendable, Equatable, CustomStringConvertible {
  /// The most pixels a bitmap has on its long side when its options ask for no size.
  public static let defaultLongSide = 4000

  /// Graphviz's default `pad` around the drawing, in points, on each side.
  static let pad = 4.0

  /// The natural width and height, in pixels at the format's resolution.
  public let naturalWidth: Int
  public let naturalHeight: Int
  /// The width and height written, in pixels.
  public let width: Int
  public let height: Int

  /// The fit of a laid-out drawing, when the bound scales it down.
  ///
  /// Graphviz scales the drawing and its pad by `z = min(bound / width, bound / height)`
  /// (sizes in points, pad included) when either exceeds the bound, as `init_job_viewport`
  /// in Graphviz's `emit.c` does.
  ///
  /// - Parameters:
  ///   - layout: the width and height of the layout's bounding box, in points.
  ///   - dpi: the format's resolution, pixels per inch.
  ///   - bound: the bound, as set with ``PictureSize/defaultRaster(dpi:)``.
  /// - Returns: `nil` when the drawing fits and keeps its natural size.
  init?(layout: GraphvizContext.LayoutSize, dpi: Double, bound: PictureSize) {
    let width = layout.width + 2 * Self.pad
    let height = layout.height + 2 * Self.pad
    let boundWidth = bound.width * 72
    let boundHeight = (bound.height ?? bound.width) * 72
    guard width > boundWidth || height > boundHeight else { return nil }
    let z = min(boundWidth / width, boundHeight / height)
    let pixels = dpi / 72
    naturalWidth = Int((width * pixels).rounded())
    naturalHeight = Int((height * pixels).rounded())
    self.width = Int((width * z * pixels).rounded())
    self.height = Int((height * z * pixels).rounded())
  }

  /// `is 862 x 4,000 pixels, scaled down from 4,550 x 21,107 to fit 4,000 on its long side`.
  public var description: String {
    "is \(Self.grouped(width)) x \(Self.grouped(height)) pixels, scaled down from "
      + "\(Self.grouped(naturalWidth)) x \(Self.grouped(naturalHeight)) to fit "
      + "\(Self.grouped(Self.defaultLongSide)) on its long side"
  }

  /// `21107` as `21,107`.
  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return (n < 0 ? "-" : "") + text
  }

  /// The formats Graphviz writes as bitmaps, drawn by cairo or gd at 96 pixels per inch.
  static let rasterFormats: Set<String> = [
    "png", "jpg", "jpeg", "jpe", "gif", "bmp", "ico", "tif", "tiff", "webp", "tga", "pict",
    "sgi", "exr", "jp2", "pct", "psd", "wbmp",
  ]

  /// Whether Graphviz writes `format` as a bitmap.
  static func isRaster(_ format: String) -> Bool { rasterFormats.contains(format) }

  /// The resolution Graphviz uses for `format` when `dpi` is not set: 96 for bitmaps, 72
  /// (points) for everything else.
  static func defaultDPI(_ format: String) -> Double { isRaster(format) ? 96 : 72 }

  /// The bound on a picture in `format` drawn with `options`: ``PictureSize/defaultRaster(dpi:)``
  /// for a bitmap whose options set neither size nor scale, else `nil` (no bound beyond the
  /// options' own).
  static func defaultBound(format: String, options: DrawingOptions) -> PictureSize? {
    guard isRaster(format), options.size == nil, options.scale == nil else { return nil }
    return PictureSize.defaultRaster(dpi: defaultDPI(format))
  }
}

extension PictureSize {
  /// The default bound on a bitmap at `dpi` pixels per inch: ``PictureFit/defaultLongSide``
  /// pixels each way, so the long side has at most that many.
  static func defaultRaster(dpi: Double) -> PictureSize {
    PictureSize(width: Double(PictureFit.defaultLongSide) / dpi, height: nil)
  }
}
