import Foundation
import StudioCore
import StudioPersistence
import StudioTestSupport
import XCTest

final class UsageLedgerTests: XCTestCase {
    var studio: TestStudio!

    override func setUp() async throws { studio = try await TestStudio.make() }
    override func tearDown() async throws { try await studio.shutdown() }

    func charge(_ user: StudioUser, _ dollars: String = "0.02") throws -> ChargeRequest {
        ChargeRequest(user: user, jobID: UUID(), model: try ModelRegistry.bundled()["qwen-edit"]!, operation: .generalEdit,
                      estimate: Money(dollars: dollars)!, period: "2026-11")
    }

    func testConcurrentReservationsNeverPassTheOperationLimit() async throws {
        let user = try await studio.makeUser(plan: .free, key: "racer") // 5 operations
        let ledger = studio.studio.ledger
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                let request = try charge(user)
                group.addTask {
                    do { _ = try await ledger.reserve(request); return true } catch StudioError.quotaExceeded { return false }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        XCTAssertEqual(outcomes.filter { $0 }.count, 5)
        let usage = try await ledger.usage(of: user, period: "2026-11")
        XCTAssertEqual(usage.operationsReserved, 5)
        XCTAssertEqual(usage.reserved, Money(dollars: "0.10"))
    }

    func testConcurrentReservationsNeverPassTheCostCap() async throws {
        let user = try await studio.makeUser(plan: .free, key: "spender") // $2 cap, 5 operations
        let ledger = studio.studio.ledger
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                let request = try charge(user, "0.75")
                group.addTask {
                    do { _ = try await ledger.reserve(request); return true } catch StudioError.budgetExceeded { return false }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        XCTAssertEqual(outcomes.filter { $0 }.count, 2, "two $0.75 holds fit under $2, a third does not")
    }

    func testSettleAndReleaseHappenOnceAndMoveTheCounters() async throws {
        let user = try await studio.makeUser(plan: .pro, key: "settler")
        let ledger = studio.studio.ledger
        let kept = try await ledger.reserve(try charge(user))
        let dropped = try await ledger.reserve(try charge(user))
        try await ledger.settle(kept, actual: Money(dollars: "0.015")!)
        try await ledger.settle(kept, actual: Money(dollars: "0.015")!) // a second settle changes nothing
        try await ledger.release(dropped, errorCode: "provider_timeout")
        try await ledger.release(dropped, errorCode: "provider_timeout")
        let usage = try await ledger.usage(of: user, period: "2026-11")
        XCTAssertEqual(usage.operationsUsed, 1)
        XCTAssertEqual(usage.operationsReserved, 0)
        XCTAssertEqual(usage.spent, Money(dollars: "0.015"))
        XCTAssertEqual(usage.reserved, .zero)
        let rows = try await studio.sql("SELECT status, cost_micros FROM ledger_entries ORDER BY status")
        XCTAssertEqual(rows, [["status": "released", "cost_micros": "0"], ["status": "settled", "cost_micros": "15000"]])
    }

    func testAPIKeysAreStoredHashed() async throws {
        let rows = try await studio.sql("SELECT key_hash FROM api_keys")
        XCTAssertEqual(rows.count, 1)
        XCTAssertNotEqual(rows.first?["key_hash"], TestStudio.apiKey)
        XCTAssertEqual(rows.first?["key_hash"]?.count, 64)
        let user = try await studio.services.accounts.user(forAPIKey: TestStudio.apiKey)
        XCTAssertEqual(user?.name, "local")
        XCTAssertEqual(user?.plan.id, .enterprise)
        let nobody = try await studio.services.accounts.user(forAPIKey: "guess")
        XCTAssertNil(nobody)
    }
}

final class FamilyLimitTests: XCTestCase {
    var studio: TestStudio!

    override func setUp() async throws { studio = try await TestStudio.make() }
    override func tearDown() async throws { try await studio.shutdown() }

    func charge(_ user: StudioUser, _ operation: ImageOperation) throws -> ChargeRequest {
        ChargeRequest(user: user, jobID: UUID(), model: try ModelRegistry.bundled()["qwen-edit"]!, operation: operation,
                      estimate: Money(dollars: "0.01")!, period: "2026-11")
    }

    func testEachFamilyHasItsOwnMonthlyCount() async throws {
        let user = try await studio.makeUser(plan: .free, key: "families") // 5 edits, 10 of each other family
        let ledger = studio.studio.ledger
        for _ in 0..<5 { _ = try await ledger.reserve(try charge(user, .inpaint)) }
        do { _ = try await ledger.reserve(try charge(user, .upscale)); XCTFail("the sixth edit is over the limit") } catch StudioError.quotaExceeded(let usage) {
            XCTAssertEqual(usage.family, .editing)
            XCTAssertEqual(usage.operationLimit, 5)
        }
        for _ in 0..<10 { _ = try await ledger.reserve(try charge(user, .generate)) }
        do { _ = try await ledger.reserve(try charge(user, .generate)); XCTFail("the eleventh generation is over the limit") } catch StudioError.quotaExceeded(let usage) {
            XCTAssertEqual(usage.family, .generation)
            XCTAssertEqual(usage.operationsReserved, 10)
        }
        let faceSwap = try await ledger.reserve(try charge(user, .faceSwap))
        try await ledger.settle(faceSwap, actual: Money(dollars: "0.01")!)
        let swaps = try await ledger.usage(of: user, period: "2026-11", family: .faceSwap)
        XCTAssertEqual(swaps.operationsUsed, 1)
        XCTAssertEqual(swaps.spent, Money(dollars: "0.01"), "money is shared by all families")
    }
}
