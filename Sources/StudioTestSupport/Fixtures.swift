import Foundation

/// The shared photos in `../shared/fixtures` (or `IMAGESTUDIO_FIXTURES`).
public enum Fixtures {
    public static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["IMAGESTUDIO_FIXTURES"] { return URL(fileURLWithPath: path) }
        // Sources/StudioTestSupport/Fixtures.swift → repository root → ../shared/fixtures
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    }

    public static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }
}
