import JSONValue
import StepwiseEngine
import Testing

@Suite("Callback task registry")
struct CallbackTaskRegistryTests {
    @Test("a replaced registration's withdrawal leaves the token's new registration answerable")
    func oldRunCannotWithdrawTheRelaunch() async throws {
        let registry = CallbackTaskRegistry()
        let old = registry.register(token: "t", executionArn: "e", taskId: 1)
        let new = registry.register(token: "t", executionArn: "e", taskId: 1)
        #expect(old != new)
        registry.withdraw(token: "t", generation: old)
        #expect(try registry.openTask(token: "t").taskId == 1)
        try registry.complete(token: "t", outcome: .succeeded(["ok": true]))
        #expect(await registry.waitForAnswer(token: "t") == .succeeded(["ok": true]))
    }

    @Test("withdrawing the current registration ends the token: a late answer is refused as finished")
    func currentWithdrawalEndsTheToken() async throws {
        let registry = CallbackTaskRegistry()
        let generation = registry.register(token: "t", executionArn: "e", taskId: 1)
        registry.withdraw(token: "t", generation: generation)
        #expect(throws: ActivityTaskError.taskFinished) { try registry.complete(token: "t", outcome: .succeeded(.null)) }
    }
}
