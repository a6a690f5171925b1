import JSONValue
import StatesLanguage

/// Answers Task states from mocked responses, so workflows with Task states run without real services.
///
/// Each task is answered by the response for its invocation number (the state's earlier tasks,
/// retries and loops included), the last one repeating.
package struct MockTaskRunner: TaskRunner {
    private let responses: [String: MockedResponse]

    package init(responses: [String: MockedResponse]) {
        self.responses = responses
    }

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        guard let response = responses[request.stateName] else {
            return .failed(
                error: StatesErrorName.taskFailed,
                cause: "No mocked response for the Task state '\(request.stateName)' (resource \(request.resource.arn)); add one to the mock file."
            )
        }
        return response.outcome(forInvocation: request.invocation)
    }
}

/// The answers for one state: by invocation number, as AWS Step Functions Local's `MockedResponses` give them.
package struct MockedResponse: Sendable, Equatable {
    /// Invocation ranges (inclusive) and their outcomes, in order.
    package var entries: [(range: ClosedRange<Int>, outcome: TaskOutcome)]

    package init(entries: [(range: ClosedRange<Int>, outcome: TaskOutcome)]) {
        self.entries = entries
    }

    package func outcome(forInvocation n: Int) -> TaskOutcome {
        if let hit = entries.first(where: { $0.range.contains(n) }) { return hit.outcome }
        // Past the last listed invocation the last answer repeats.
        return entries.max(by: { $0.range.upperBound < $1.range.upperBound })?.outcome ?? .succeeded(.null)
    }

    package static func == (a: MockedResponse, b: MockedResponse) -> Bool {
        a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.range == $1.range && $0.outcome == $1.outcome }
    }
}
