import JSONValue
import StatesLanguage
import StepwiseEngine

/// The backend starts, watches and stops the executions that `states:startExecution` tasks start,
/// through the same paths as the API's StartExecution, DescribeExecution and StopExecution.
extension EngineBackend: ChildExecutionHost {
    /// How often a wait on an Express child (kept in memory, without completion waiters) looks again.
    static let expressPollNanoseconds: UInt64 = 20_000_000

    package func startChild(
        stateMachineArn: String, name: String, input: JSONValue, relaunched: Bool
    ) async throws(ChildExecutionError) -> ChildExecution {
        do {
            return try await startOrFindChild(stateMachineArn: stateMachineArn, name: name, input: input, relaunched: relaunched)
        } catch {
            throw ChildExecutionError(code: error.code.rawValue, message: error.message)
        }
    }

    func startOrFindChild(stateMachineArn: String, name: String, input: JSONValue, relaunched: Bool) async throws(APIError) -> ChildExecution {
        let (arn, testCase) = try MockTestCaseARN.split(stateMachineArn)
        try ResourceName.validate(name)
        if relaunched {
            if try await machine(arn).type == .express {
                // Express executions live in memory only, and their names need not be unique.
                throw APIError(
                    .executionDoesNotExist,
                    "The Express child execution '\(name)' of \(arn) may have run before the restart, which lost it; it is not started again")
            }
            // The same task relaunched after a restart finds the child it started before.
            if let existing = try? await executionView(context.execution(stateMachine: arn.name, name: name)), existing.input == input {
                return Self.child(existing)
            }
        }
        let started = try await startExecution(StartExecutionInput(stateMachineArn: arn, name: name, input: input, mockTestCase: testCase))
        return Self.child(try await executionView(try ExecutionARN(parsing: started.executionArn)))
    }

    package func waitForChild(_ executionArn: String) async -> ChildExecution? {
        guard let arn = try? ExecutionARN(parsing: executionArn) else { return nil }
        var pause = Self.expressPollNanoseconds
        while !Task.isCancelled {
            do {
                if !arn.isExpress {
                    // An execution being rebuilt after a store failure answers as still running: look again.
                    if let ended = try await engine.waitForEnd(of: executionArn), ended.status != .running {
                        return Self.child(ExecutionView(ended))
                    }
                } else {
                    let e = try await executionView(arn)
                    if e.status != .running { return Self.child(e) }
                }
                pause = Self.expressPollNanoseconds
            } catch let error as EngineError {
                if case .executionDoesNotExist = error { return Self.lost(executionArn) }
                pause = min(pause * 2, 1_000_000_000)  // the store does not answer: look again, less often
            } catch let error as APIError {
                if error.code == .executionDoesNotExist { return Self.lost(executionArn) }
                pause = min(pause * 2, 1_000_000_000)
            } catch {
                pause = min(pause * 2, 1_000_000_000)
            }
            try? await Task.sleep(nanoseconds: pause)
        }
        return nil
    }

    /// A child that is gone (an Express execution forgotten or lost in a restart) ends as failed.
    static func lost(_ executionArn: String) -> ChildExecution {
        let name = executionArn.split(separator: ":").last.map(String.init) ?? executionArn
        return ChildExecution(
            executionArn: executionArn, stateMachineArn: "", name: name, status: .failed, startDate: Timestamp(seconds: 0), input: .null,
            error: "ExecutionDoesNotExist", cause: "Execution Does Not Exist: '\(executionArn)'")
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
