import Foundation
import StudioCore

extension LocalOperations {
    /// Plain-background removal: estimates the background colour from the border, then makes
    /// transparent every pixel close to that colour that is connected to the border (a flood fill),
    /// with a soft ramp at the edge. Refuses busy backgrounds rather than returning a bad cut-out.
    static func removeBackground(_ image: VImage, options: [String: JSONValue]) throws -> VImage {
        let tolerance = try options.number("tolerance", in: 1...441) ?? 40
        let rgb = try image.srgb8(keepAlpha: false).pixels()
        let (w, h) = (rgb.width, rgb.height)
        let border = borderIndices(width: w, height: h)
        let background = (0..<3).map { band in median(border.map { rgb.bytes[$0 * 3 + band] }) }
        func distance(_ i: Int) -> Double {
            let dr = Double(rgb.bytes[i * 3]) - background[0]
            let dg = Double(rgb.bytes[i * 3 + 1]) - background[1]
            let db = Double(rgb.bytes[i * 3 + 2]) - background[2]
            return (dr * dr + dg * dg + db * db).squareRoot()
        }
        let plainShare = Double(border.filter { distance($0) <= tolerance }.count) / Double(border.count)
        guard plainShare >= 0.6 else {
            throw ProviderError(.invalidInput, provider: "local", message:
                "The background is not plain (only \(Int(plainShare * 100))% of the border matches one colour); the local engine only removes plain backgrounds. Choose a hosted model for photos.")
        }
        let outer = tolerance * 1.5, inner = tolerance * 0.5
        var alpha = [UInt8](repeating: 255, count: w * h)
        var visited = [Bool](repeating: false, count: w * h)
        var stack = border.filter { distance($0) < outer }
        for i in stack { visited[i] = true }
        while let i = stack.popLast() {
            let d = distance(i)
            alpha[i] = d <= inner ? 0 : UInt8(min(255, max(0, (d - inner) / (outer - inner) * 255)))
            let x = i % w, y = i / w
            for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] where nx >= 0 && ny >= 0 && nx < w && ny < h {
                let n = ny * w + nx
                if !visited[n], distance(n) < outer { visited[n] = true; stack.append(n) }
            }
        }
        var rgba = PixelBuffer(width: w, height: h, bands: 4, bytes: [UInt8](repeating: 0, count: w * h * 4))
        for i in 0..<(w * h) {
            rgba.bytes[i * 4] = rgb.bytes[i * 3]
            rgba.bytes[i * 4 + 1] = rgb.bytes[i * 3 + 1]
            rgba.bytes[i * 4 + 2] = rgb.bytes[i * 3 + 2]
            rgba.bytes[i * 4 + 3] = alpha[i]
        }
        return try VImage.from(rgba)
    }

    private static func borderIndices(width w: Int, height h: Int) -> [Int] {
        var indices = Array(0..<w) + ((h - 1) * w..<h * w)
        if h > 2 { for y in 1..<(h - 1) { indices += [y * w, y * w + w - 1] } }
        return indices
    }

    private static func median(_ values: [UInt8]) -> Double {
        let sorted = values.sorted()
        return Double(sorted[sorted.count / 2])
    }
}
