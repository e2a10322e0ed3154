import StudioCore
import XCTest

final class MoneyAndCostTests: XCTestCase {
    func testDollarStringsParseExactly() {
        XCTAssertEqual(Money(dollars: "0.02")?.micros, 20_000)
        XCTAssertEqual(Money(dollars: "0.011")?.micros, 11_000)
        XCTAssertEqual(Money(dollars: "12")?.micros, 12_000_000)
        XCTAssertNil(Money(dollars: "0.0000001"))
        XCTAssertNil(Money(dollars: "-1"))
        XCTAssertNil(Money(dollars: "abc"))
        XCTAssertEqual(Money(micros: 24_000).description, "$0.024")
        XCTAssertEqual(Money(micros: 2_000_000).description, "$2.00")
    }

    func testFlatBandAndQualityPrices() throws {
        let registry = try ModelRegistry.bundled()
        let estimator = CostEstimator()
        XCTAssertEqual(try estimator.estimate(registry["qwen-edit"]!, output: .init(width: 1024, height: 1024)), Money(dollars: "0.02"))
        let nano = registry["nano-banana-pro-edit-ultra"]!
        XCTAssertEqual(try estimator.estimate(nano, output: .init(width: 4000, height: 3000)), Money(dollars: "0.15"))
        XCTAssertEqual(try estimator.estimate(nano, output: .init(width: 6000, height: 4000)), Money(dollars: "0.18"))
        let gpt = registry["openai-gpt-image-1"]!
        XCTAssertEqual(try estimator.estimate(gpt, output: .init(width: 1024, height: 1024)), Money(dollars: "0.042"))
        XCTAssertEqual(try estimator.estimate(gpt, output: .init(width: 1536, height: 1024), options: ["quality": .string("high")]),
                       Money(dollars: "0.25"))
        XCTAssertEqual(try estimator.estimate(registry["local-resize"]!, output: .init(width: 10, height: 10)), .zero)
    }

    func testUnknownPricedOptionIsAnErrorNotADefault() throws {
        let gpt = try ModelRegistry.bundled()["openai-gpt-image-1"]!
        XCTAssertThrowsError(try CostEstimator().estimate(gpt, output: .init(width: 1024, height: 1024), options: ["quality": .string("ultra")])) {
            XCTAssertEqual(($0 as? StudioError)?.code, "invalid_option")
        }
    }
}
