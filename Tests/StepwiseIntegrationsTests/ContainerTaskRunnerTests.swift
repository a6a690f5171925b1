import Foundation
import JSONValue
import StatesLanguage
import StepwiseEngine
import StepwiseIntegrations
import Synchronization
import Testing

/// The container runner on the process runtime: real processes, no container engine needed.
@Suite struct ContainerTaskRunnerTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-runner-\(UUID().uuidString)").path

    func runner() throws -> (ContainerTaskRunner, CallbackTaskRegistry) {
        let definitions = TaskDefinitionStore(directory: folder + "/defs")
        _ = try definitions.register([
            "family": "job",
            "containerDefinitions": [[
                "name": "main", "image": "unused-by-processes",
                "command": ["/bin/sh", "-c", #"echo "hello $WHO"; printf '{"who":"%s"}' "$WHO" > "$STEPWISE_RESULT_FILE"; exit "${CODE:-0}""#],
            ]],
        ])
        let callbacks = CallbackTaskRegistry()
        let runner = ContainerTaskRunner(
            runtime: ProcessRuntime(directory: folder + "/processes"), definitions: definitions, callbacks: callbacks,
            configuration: ContainerTaskConfiguration(stopGracePeriod: 1))
        return (runner, callbacks)
    }

    func request(_ resource: String, code: String = "0", attempt: Int = 0, token: String? = nil) -> TaskRequest {
        let parameters: JSONValue = [
            "TaskDefinition": "job", "NetworkConfiguration": ["AwsvpcConfiguration": ["Subnets": ["subnet-1"]]],
            "Overrides": ["ContainerOverrides": [["Name": "main", "Environment": [["Name": "WHO", "Value": "ada"], ["Name": "CODE", "Value": .string(code)]]]]],
        ]
        return TaskRequest(
            taskId: 5, stateName: "Job", resource: TaskResource(arn: resource), parameters: parameters, taskToken: token,
            timeoutSeconds: nil, heartbeatSeconds: nil, credentials: nil, attempt: attempt)
    }

    /// What the runner recorded as TaskSubmitted.
    final class Submissions: Sendable {
        let outputs = Mutex<[JSONValue]>([])
    }

    func context(_ submitted: Submissions? = nil) -> TaskRunContext {
        TaskRunContext(executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:e1", stateMachineName: "m") { output in
            submitted?.outputs.withLock { $0.append(output) }
        }
    }

    @Test func syncAnswersTheStoppedTaskWithExitCodeLogsAndResultAfterRecordingRunTasksResponse() async throws {
        let (runner, _) = try runner()
        let submitted = Submissions()
        let outcome = await runner.run(request("arn:aws:states:::ecs:runTask.sync"), context: context(submitted))
        guard case .succeeded(let task) = outcome else {
            Issue.record("expected success, got \(outcome)")
            return
        }
        #expect(task["LastStatus"] == "STOPPED")
        #expect(task["StopCode"] == "EssentialContainerExited")
        #expect(task["Containers"]?[0]?["ExitCode"] == 0)
        #expect(task["Containers"]?[0]?["Logs"]?["Stdout"] == "hello ada\n")
        #expect(task["Result"] == ["who": "ada"])
        #expect(submitted.outputs.withLock { $0.first?["Tasks"]?[0]?["LastStatus"] } == "PENDING")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/processes").isEmpty)
    }

    @Test func aNonZeroExitOfTheEssentialContainerFailsWithTaskFailedAndTheTaskAsCause() async throws {
        let (runner, _) = try runner()
        let outcome = await runner.run(request("arn:aws:states:::ecs:runTask.sync", code: "3"), context: context())
        guard case .failed(let error, let cause) = outcome else {
            Issue.record("expected failure, got \(outcome)")
            return
        }
        #expect(error == "States.TaskFailed")
        let task = try JSONValue(parsing: cause ?? "")
        #expect(task["Containers"]?[0]?["ExitCode"] == 3)
    }

    @Test func anOverrideNamingNoContainerIsRefusedAsECSRefusesIt() async throws {
        let (runner, _) = try runner()
        var bad = request("arn:aws:states:::ecs:runTask.sync")
        bad.parameters = ["TaskDefinition": "job", "Overrides": ["ContainerOverrides": [["Name": "nope"]]]]
        let outcome = await runner.run(bad, context: context())
        guard case .failed(let error, let cause) = outcome else {
            Issue.record("expected failure, got \(outcome)")
            return
        }
        #expect(error == "ECS.AmazonECSException")
        #expect(cause?.contains("nope") == true)
    }

    @Test func waitForTaskTokenEndsWithTheAnswerSentForItsToken() async throws {
        let (runner, callbacks) = try runner()
        let token = String(repeating: "ab", count: 32)
        async let outcome = runner.run(request("arn:aws:states:::ecs:runTask.waitForTaskToken", token: token), context: context())
        // The token is registered before the process starts; answer as SendTaskSuccess would.
        while (try? callbacks.openTask(token: token)) == nil { await Task.yield() }
        try callbacks.complete(token: token, outcome: .succeeded(["ok": true]))
        #expect(await outcome == .succeeded(["ok": true]))
        #expect(throws: ActivityTaskError.taskFinished) { try callbacks.openTask(token: token) }
    }

    @Test func containerNamesAreStablePerExecutionTaskAndAttempt() {
        let a = ContainerNaming.taskName(executionArn: "arn:aws:states:us-east-1:1:execution:m:run-1", taskId: 7, attempt: 0)
        #expect(a == ContainerNaming.taskName(executionArn: "arn:aws:states:us-east-1:1:execution:m:run-1", taskId: 7, attempt: 0))
        #expect(a != ContainerNaming.taskName(executionArn: "arn:aws:states:us-east-1:1:execution:m:run-1", taskId: 7, attempt: 1))
        #expect(a != ContainerNaming.taskName(executionArn: "arn:aws:states:us-east-1:1:execution:m:run-2", taskId: 7, attempt: 0))
        #expect(a.hasPrefix("stepwise-run-1-"))
    }
}
