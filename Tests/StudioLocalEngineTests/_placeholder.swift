import XCTest
final class PendingTests: XCTestCase {}
