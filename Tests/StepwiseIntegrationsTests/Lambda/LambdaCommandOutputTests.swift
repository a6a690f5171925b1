import JSONValue
import StepwiseIntegrations
import Testing

@Suite("Lambda command functions: output")
struct LambdaCommandOutputTests {
    @Test("a command that exits leaving a background process on its output ends with its result, not at its timeout")
    func backgroundProcessDoesNotHoldTheResult() async throws {
        try await withScripts(["f.sh": "cat >/dev/null; sleep 60 & echo '{\"ok\":true}'"]) { dir in
            let runner = LambdaTaskRunner(client: .shared, functions: LambdaFunctions([commandFunction("f", "f.sh", directory: dir, timeout: 20)]))
            let outcome = await runner.run(
                lambdaTask(["arn": "unused"], arn: "arn:aws:lambda:us-east-1:123456789012:function:f"),
                context: .init(executionArn: "e", stateMachineName: "m"))
            #expect(outcome == .succeeded(["ok": true]))
        }
    }
}
