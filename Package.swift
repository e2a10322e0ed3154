// swift-tools-version:6.0
import PackageDescription

// Layers, dependencies one way:
// StudioCore ← StudioLocalEngine / StudioPersistence ← StudioAPI ← StudioServer ← imagestudio (CLI)
let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "ImageStudio",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "imagestudio", targets: ["imagestudio"]),
        .executable(name: "provider-emulator", targets: ["provider-emulator"]),
        .executable(name: "studio-bench", targets: ["studio-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .target(name: "StudioCore", resources: [.copy("Resources/models.json")], swiftSettings: swift6),
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .target(name: "CVipsShim", dependencies: ["CVips"], linkerSettings: [.linkedLibrary("z")]),
        .target(name: "StudioLocalEngine", dependencies: ["StudioCore", "CVips", "CVipsShim"], swiftSettings: swift6),
        .target(name: "StudioPersistence", dependencies: [
            "StudioCore",
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swift6),
        .target(name: "StudioProviders", dependencies: [
            "StudioCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swift6),
        .target(name: "StudioAPI", dependencies: [
            "StudioCore",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Resources/openapi.json"), .copy("Resources/web")], swiftSettings: swift6),
        .target(name: "StudioServer", dependencies: [
            "StudioCore", "StudioLocalEngine", "StudioPersistence", "StudioProviders", "StudioAPI",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swift6),
        .executableTarget(name: "provider-emulator", dependencies: [
            "StudioTestSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: swift6),
        .executableTarget(name: "studio-bench", dependencies: ["StudioCore", "StudioLocalEngine"], swiftSettings: swift6),
        .executableTarget(name: "imagestudio", dependencies: [
            "StudioServer", "StudioCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Vapor", package: "vapor"),
        ], swiftSettings: swift6),
        .target(name: "StudioTestSupport", dependencies: [
            "StudioServer", "StudioCore", "StudioLocalEngine", "StudioPersistence", "StudioProviders",
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "Vapor", package: "vapor"),
            .product(name: "XCTVapor", package: "vapor"),
        ], swiftSettings: swift6),
        .testTarget(name: "StudioCoreTests", dependencies: ["StudioCore", "StudioTestSupport"], swiftSettings: swift6),
        .testTarget(name: "StudioLocalEngineTests", dependencies: ["StudioLocalEngine", "StudioTestSupport"], swiftSettings: swift6),
        .testTarget(name: "StudioPersistenceTests", dependencies: ["StudioPersistence", "StudioTestSupport", "StudioServer"], swiftSettings: swift6),
        .testTarget(name: "StudioAPITests", dependencies: [
            "StudioTestSupport", "StudioServer", "StudioLocalEngine", "StudioProviders",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "XCTVapor", package: "vapor"),
        ], swiftSettings: swift6),
        .testTarget(name: "CLITests", dependencies: [
            "StudioTestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], swiftSettings: swift6),
        .testTarget(name: "ProviderContractTests", dependencies: [
            "StudioProviders", "StudioTestSupport", "StudioLocalEngine",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ], swiftSettings: swift6),
    ]
)
