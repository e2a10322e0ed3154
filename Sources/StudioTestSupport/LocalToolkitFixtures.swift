import Foundation
import StudioLocalEngine

/// Small images made on the spot.
public enum LocalToolkitFixtures {
    /// An all-white (edit everything) mask of the given size.
    public static func whiteMask(width: Int, height: Int) throws -> Data {
        try LocalToolkit().encode(DecodedImage(width: width, height: height, bands: 1, bytes: [UInt8](repeating: 255, count: width * height)), as: .png)
    }
}
