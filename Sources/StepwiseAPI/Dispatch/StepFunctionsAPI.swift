import JSONValue

/// An HTTP answer without the HTTP: the server writes `status` and `body` with `contentType`.
package struct APIResponse: Sendable, Equatable {
    package static let contentType = "application/x-amz-json-1.0"

    package var status: Int
    package var body: [UInt8]

    package init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }

    package init(status: Int = 200, json: JSONValue) {
        var bytes: [UInt8] = []
        json.write(to: &bytes)
        self.init(status: status, body: bytes)
    }

    package init(error: APIError) {
        self.init(status: error.status, json: error.json)
    }

    /// The body parsed back (tests and logs).
    package var json: JSONValue? { try? JSONValue(parsing: body) }
}

/// The AWS Step Functions JSON 1.0 API without sockets: `(X-Amz-Target, body)` in, `(status, body)` out.
package struct StepFunctionsAPI<Backend: StepFunctionsBackend>: Sendable {
    package let backend: Backend

    package init(backend: Backend) {
        self.backend = backend
    }

    /// Serves one request. Never throws: every refusal becomes AWS's error body and status.
    package func handle(target: String?, body: [UInt8]) async -> APIResponse {
        do {
            let action = try Action(target: target)
            var reader = try MemberReader(body: body)
            return APIResponse(json: try await dispatch(action, &reader))
        } catch {
            return APIResponse(error: error)
        }
    }

    /// Decodes the request for `action`, calls the backend, and prints its answer.
    func dispatch(_ action: Action, _ r: inout MemberReader) async throws(APIError) -> JSONValue {
        switch action {
        case .createStateMachine:
            let request = try CreateStateMachineInput(reading: &r)
            // The definition is checked here, where the type is known, so no backend stores a bad one.
            try DefinitionCheck.validate(request.definition, type: request.type)
            return try await backend.createStateMachine(request).json
        case .describeStateMachine:
            return try await backend.describeStateMachine(DescribeStateMachineInput(reading: &r)).json
        case .updateStateMachine:
            return try await backend.updateStateMachine(UpdateStateMachineInput(reading: &r)).json
        case .deleteStateMachine:
            return try await backend.deleteStateMachine(DeleteStateMachineInput(reading: &r)).json
        case .listStateMachines:
            return try await backend.listStateMachines(ListStateMachinesInput(reading: &r)).json
        case .describeStateMachineForExecution:
            return try await backend.describeStateMachineForExecution(DescribeStateMachineForExecutionInput(reading: &r)).json
        case .validateStateMachineDefinition:
            return try await backend.validateStateMachineDefinition(ValidateStateMachineDefinitionInput(reading: &r)).json
        case .startExecution:
            return try await backend.startExecution(StartExecutionInput(reading: &r)).json
        case .startSyncExecution:
            return try await backend.startSyncExecution(StartSyncExecutionInput(reading: &r)).json
        case .stopExecution:
            return try await backend.stopExecution(StopExecutionInput(reading: &r)).json
        case .describeExecution:
            return try await backend.describeExecution(DescribeExecutionInput(reading: &r)).json
        case .listExecutions:
            return try await backend.listExecutions(ListExecutionsInput(reading: &r)).json
        case .getExecutionHistory:
            let request = try GetExecutionHistoryInput(reading: &r)
            var output = try await backend.getExecutionHistory(request)
            output.includeExecutionData = request.includeExecutionData
            return output.json
        case .createActivity:
            return try await backend.createActivity(CreateActivityInput(reading: &r)).json
        case .deleteActivity:
            return try await backend.deleteActivity(DeleteActivityInput(reading: &r)).json
        case .describeActivity:
            return try await backend.describeActivity(DescribeActivityInput(reading: &r)).json
        case .listActivities:
            return try await backend.listActivities(ListActivitiesInput(reading: &r)).json
        case .getActivityTask:
            return try await backend.getActivityTask(GetActivityTaskInput(reading: &r)).json
        case .sendTaskSuccess:
            return try await backend.sendTaskSuccess(SendTaskSuccessInput(reading: &r)).json
        case .sendTaskFailure:
            return try await backend.sendTaskFailure(SendTaskFailureInput(reading: &r)).json
        case .sendTaskHeartbeat:
            return try await backend.sendTaskHeartbeat(SendTaskHeartbeatInput(reading: &r)).json
        case .tagResource:
            return try await backend.tagResource(TagResourceInput(reading: &r)).json
        case .untagResource:
            return try await backend.untagResource(UntagResourceInput(reading: &r)).json
        case .listTagsForResource:
            return try await backend.listTagsForResource(ListTagsForResourceInput(reading: &r)).json
        }
    }
}
