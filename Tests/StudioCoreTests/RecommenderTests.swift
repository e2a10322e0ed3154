import StudioCore
import XCTest

/// Availability for tests: everything but the named providers.
struct Without: ProviderAvailability {
    let providers: Set<String>
    init(_ providers: String...) { self.providers = Set(providers) }
    func unavailableReason(provider: String) -> String? { providers.contains(provider) ? "\(provider) is down" : nil }
}

final class RecommenderTests: XCTestCase {
    let registry = try! ModelRegistry.bundled()
    var recommender: Recommender { Recommender(registry: registry) }
    let square = PixelSize(width: 1024, height: 1024)

    func recommend(_ operation: ImageOperation = .generalEdit, size: PixelSize? = PixelSize(width: 1024, height: 1024),
                   tier: PlanTier = .free, cost: Bool = false, quality: Bool = false, budget: Money? = nil,
                   fields: Set<RequestField>? = nil, availability: any ProviderAvailability = AllProvidersAvailable(),
                   registry: ModelRegistry? = nil) throws -> Recommendation {
        let query = RecommendationQuery(operation: operation, imageSize: size, userTier: tier,
                                        preferences: Preferences(prioritizeCost: cost, prioritizeQuality: quality),
                                        remainingBudget: budget, presentFields: fields)
        return try Recommender(registry: registry ?? self.registry).recommend(query, availability: availability)
    }

    func testFreeUserGetsABudgetModelByDefault() throws {
        let pick = try recommend()
        XCTAssertEqual(pick.model.tier, .budget)
    }

    func testPrioritizeQualityFlipsTheChoiceToAHigherQualityModel() throws {
        let plain = try recommend()
        let quality = try recommend(quality: true)
        XCTAssertNotEqual(plain.model.id, quality.model.id)
        XCTAssertGreaterThan(quality.model.quality, plain.model.quality + 20)
        XCTAssertEqual(quality.model.tier, .premium)
        XCTAssertTrue(quality.reason.contains("quality prioritised"))
    }

    func testThePlanTierFlipsTheChoice() throws {
        let free = try recommend(tier: .free)
        let enterprise = try recommend(tier: .enterprise)
        XCTAssertNotEqual(free.model.id, enterprise.model.id)
        XCTAssertGreaterThan(enterprise.model.tier, free.model.tier)
    }

    func testPrioritizeCostPicksTheCheapestCandidate() throws {
        let pick = try recommend(tier: .enterprise, cost: true)
        let cheapest = registry.models(for: .generalEdit).compactMap { try? CostEstimator().estimate($0, output: square) }.min()
        XCTAssertEqual(pick.cost, cheapest)
    }

    func testNothingFitsTheBudgetIsAnErrorWithReasons() throws {
        XCTAssertThrowsError(try recommend(budget: Money(dollars: "0.01"))) { error in
            guard case .noModelAvailable(let operation, let rejections)? = error as? StudioError else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, .generalEdit)
            XCTAssertEqual(rejections.count, self.registry.models(for: .generalEdit).count)
            XCTAssertTrue(rejections.allSatisfy { $0.reason.contains("budget") })
        }
    }

    func testNeverRecommendsAModelOfAnUnavailableProvider() throws {
        let pick = try recommend(quality: true, availability: Without("wavespeed", "openai"))
        XCTAssertFalse(["wavespeed", "openai"].contains(pick.model.provider))
        XCTAssertFalse(pick.alternatives.contains { ["wavespeed", "openai"].contains($0.model.provider) })
    }

    func testNeverRecommendsAModelThatNeedsAMissingMask() throws {
        let pick = try recommend(.inpaint, fields: [.prompt], availability: Without("stability", "openai"))
        XCTAssertNotEqual(pick.model.id, "z-image-turbo-inpaint")
        XCTAssertEqual(pick.model.id, "gpt-image-1-wavespeed")
        let withMask = try recommend(.inpaint, fields: [.prompt, .mask], availability: Without("stability", "openai"))
        XCTAssertEqual(withMask.model.id, "z-image-turbo-inpaint")
    }

    func testSeveralInputImagesOnlyGoToModelsThatTakeThem() throws {
        var query = RecommendationQuery(operation: .generalEdit, imageSize: square, userTier: .pro, presentFields: [.prompt, .referenceImages])
        query.imageCount = 4
        let pick = try recommender.recommend(query, availability: AllProvidersAvailable())
        XCTAssertGreaterThanOrEqual(pick.model.request.maxReferences, 4)
        XCTAssertTrue(pick.alternatives.allSatisfy { $0.model.request.maxReferences >= 4 })
        query.imageCount = 17
        XCTAssertThrowsError(try recommender.recommend(query, availability: AllProvidersAvailable()))
    }

    func testFreeLocalModelsScoreWithoutBreakingTheFormula() throws {
        let pick = try recommend(.removeBackground, cost: true)
        XCTAssertEqual(pick.model.id, "local-remove-background")
        XCTAssertEqual(pick.cost, .zero)
        XCTAssertTrue(pick.score.isFinite)
        XCTAssertEqual(pick.alternatives.map(\.model.id), ["stability-remove-background"])
    }

    func testLargeImagesAreDownscaledToAModelRatherThanSentToOneThatCannotTakeThem() throws {
        let pick = try recommend(size: PixelSize(width: 12_000, height: 9_000))
        let fit = try XCTUnwrap(pick.fit)
        XCTAssertLessThanOrEqual(fit.target.width, pick.model.maxResolution.width)
        XCTAssertLessThanOrEqual(fit.target.height, pick.model.maxResolution.height)
        XCTAssertTrue(pick.reason.contains("downscaled"), pick.reason)
    }

    func testTiesAreBrokenTheSameWayWhateverTheRegistryOrder() throws {
        let reversed = ModelRegistry(models: registry.models.reversed())
        for tier in PlanTier.allCases {
            XCTAssertEqual(try recommend(tier: tier).model.id, try recommend(tier: tier, registry: reversed).model.id)
        }
    }

    func testGivesAReasonAndUpToThreeDistinctAlternatives() throws {
        let pick = try recommend()
        XCTAssertFalse(pick.reason.isEmpty)
        XCTAssertEqual(pick.alternatives.count, 3)
        XCTAssertFalse(pick.alternatives.contains { $0.model.id == pick.model.id })
        XCTAssertEqual(Set(pick.alternatives.map(\.model.id)).count, 3)
        XCTAssertTrue(pick.alternatives.allSatisfy { $0.reason.hasPrefix("Alternative:") })
    }
}
