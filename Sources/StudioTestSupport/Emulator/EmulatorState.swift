import Foundation

/// What the emulator remembers: scripted faults, counters, and the tasks it is running.
public actor EmulatorState {
    public struct Task: Sendable {
        let id: String
        let model: String
        let output: Data
        let readyAt: ContinuousClock.Instant
        let failure: String?
        let nsfw: Bool
        let base64: Bool
        var polls = 0
    }

    public let apiKey: String
    public private(set) var processingTime: Duration
    private var faults: [String: [EmulatorFault]] = [:]
    public private(set) var submits: [String: Int] = [:]
    public private(set) var polls: [String: Int] = [:]
    var tasks: [String: Task] = [:]

    public init(apiKey: String = "emulator-key", processingTime: Duration = .milliseconds(50)) {
        self.apiKey = apiKey
        self.processingTime = processingTime
    }

    /// Queues `fault` for the next `times` calls of `phase` at `provider`.
    public func inject(_ fault: EmulatorFault, provider: EmulatedProvider, phase: EmulatorPhase = .submit, times: Int = 1) {
        faults[key(provider, phase), default: []] += Array(repeating: fault, count: times)
    }

    public func setProcessingTime(_ duration: Duration) { processingTime = duration }

    public func reset() {
        faults = [:]; submits = [:]; polls = [:]; tasks = [:]
    }

    public func submitCount(_ provider: EmulatedProvider) -> Int { submits[provider.rawValue, default: 0] }
    public func pollCount(_ provider: EmulatedProvider) -> Int { polls[provider.rawValue, default: 0] }

    func nextFault(_ provider: EmulatedProvider, _ phase: EmulatorPhase) -> EmulatorFault? {
        let key = key(provider, phase)
        guard var queue = faults[key], !queue.isEmpty else { return nil }
        let fault = queue.removeFirst()
        faults[key] = queue
        return fault
    }

    func countSubmit(_ provider: EmulatedProvider) { submits[provider.rawValue, default: 0] += 1 }
    func countPoll(_ provider: EmulatedProvider) { polls[provider.rawValue, default: 0] += 1 }

    func addTask(_ task: Task) { tasks[task.id] = task }

    func pollTask(_ id: String) -> Task? {
        tasks[id]?.polls += 1
        return tasks[id]
    }

    private func key(_ provider: EmulatedProvider, _ phase: EmulatorPhase) -> String { "\(provider.rawValue)/\(phase.rawValue)" }
}
