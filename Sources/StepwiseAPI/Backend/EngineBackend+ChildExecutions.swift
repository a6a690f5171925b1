import JSONValue
import StatesLanguage
import StepwiseEngine

/// The backend starts, watches and stops the executions that `states:startExecution` tasks start,
/// through the same paths as the API's StartExecution, DescribeExecution and StopExecution.
extension EngineBackend: ChildExecutionHost {
    /// How often a wait on an Express child (kept in memory, without completion waiters) looks again.
    static let expressPollNanoseconds: UInt64 = 20_000_000

    package func startChild(stateMachineArn: String, name: String, input: JSONValue) async throws(ChildExecutionError) -> ChildExecution {
        do {
            return try await startOrFindChild(stateMachineArn: stateMachineArn, name: name, input: input)
        } catch {
            throw ChildExecutionError(code: error.code.rawValue, message: error.message)
        }
    }

    func startOrFindChild(stateMachineArn: String, name: String, input: JSONValue) async throws(APIError) -> ChildExecution {
        let (arn, _) = try MockTestCaseARN.split(stateMachineArn)
        try ResourceName.validate(name)
        let started: StartExecutionOutput
        do {
            started = try await startExecution(StartExecutionInput(stateMachineArn: arn, name: name, input: input))
        } catch {
            guard error.code == .executionAlreadyExists else { throw error }
            // The same task relaunched after a restart finds the child it started before.
            let existing = try await executionView(context.execution(stateMachine: arn.name, name: name))
            guard existing.input == input else { throw error }
            return Self.child(existing)
        }
        return Self.child(try await executionView(try ExecutionARN(parsing: started.executionArn)))
    }

    package func waitForChild(_ executionArn: String) async -> ChildExecution? {
        guard let arn = try? ExecutionARN(parsing: executionArn) else { return nil }
        while !Task.isCancelled {
            if !arn.isExpress {
                // An execution being rebuilt after a store failure answers as still running: look again.
                if let ended = try? await engine.waitForEnd(of: executionArn), ended.status != .running {
                    return Self.child(ExecutionView(ended))
                }
            } else if let e = try? await executionView(arn), e.status != .running {
                return Self.child(e)
            }
            try? await Task.sleep(nanoseconds: Self.expressPollNanoseconds)
        }
        return nil
    }

    package func stopChild(_ executionArn: String, error: String?, cause: String?) async {
        guard let arn = try? ExecutionARN(parsing: executionArn), !arn.isExpress else { return }
        _ = try? await stopExecution(StopExecutionInput(executionArn: arn, error: error, cause: cause))
    }

    static func child(_ e: ExecutionView) -> ChildExecution {
        ChildExecution(
            executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status, startDate: e.startTime,
            stopDate: e.stopTime, input: e.input, output: e.output, error: e.error, cause: e.cause)
    }
}

extension EngineBackend.ExecutionView {
    init(_ r: ExecutionRecord) {
        self.init(
            executionArn: r.executionArn, name: r.name, stateMachineArn: r.stateMachineArn, stateMachineName: r.stateMachineName,
            definition: r.definition, roleArn: r.roleArn, input: r.input, startTime: r.startTime, status: r.status,
            stopTime: r.stopTime, output: r.output, error: r.error, cause: r.cause)
    }
}
