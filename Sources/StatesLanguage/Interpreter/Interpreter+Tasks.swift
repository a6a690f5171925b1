import JSONValue

extension Interpreter {
    func scheduleTask(_ fid: Int, state: State, _ task: TaskState) throws(StatesError) {
        let resource = TaskResource(arn: task.resource)
        let jsonata = state.queryLanguage == .jsonata
        let effective = jsonata ? frames[fid]!.stateInput : try select(state.inputPath, from: frames[fid]!.stateInput, frame: fid)
        if resource.pattern == .waitForTaskToken || resource.kind == .activity {
            frames[fid]!.taskToken = makeTaskToken()
        }
        let parameters: JSONValue
        if jsonata {
            parameters = try state.arguments?.evaluate(in: jsonataScope(fid, input: effective), field: "Arguments") ?? effective
        } else {
            parameters = try state.parameters?.evaluate(in: scope(fid, input: effective)) ?? effective
        }
        // AWS limits what goes to a task as it limits state output.
        if parameters.serializedSize > limits.maxPayloadBytes {
            throw StatesError(
                StatesErrorName.dataLimitExceeded,
                "The state/task '\(state.name)' has an input with a size exceeding the maximum number of bytes service limit.")
        }
        let timeout = try seconds(task.timeoutSeconds, field: "TimeoutSeconds", input: effective, frame: fid)
        let heartbeat = try seconds(task.heartbeatSeconds, field: "HeartbeatSeconds", input: effective, frame: fid)
        let names = resource.eventNames
        let taskId: Int
        switch resource.kind {
        case .activity:
            taskId = emit(
                .activityScheduled,
                .activityScheduled(resource: resource.arn, input: parameters, timeoutInSeconds: timeout, heartbeatInSeconds: heartbeat),
                frame: fid)
        case .lambdaFunction:
            taskId = emit(
                .lambdaFunctionScheduled,
                .lambdaFunctionScheduled(resource: resource.arn, input: parameters, timeoutInSeconds: timeout), frame: fid)
        case .service:
            taskId = emit(
                .taskScheduled,
                .taskScheduled(
                    resourceType: names.resourceType, resource: names.resource, region: identity.region, parameters: parameters,
                    timeoutInSeconds: timeout, heartbeatInSeconds: heartbeat),
                frame: fid)
        }
        let id = taskId == 0 ? nextUnrecordedTaskId() : taskId
        var timerIds: [Int] = []
        if let timeout {
            timerIds.append(startTimer(.taskTimeout(frameId: fid, taskId: id), due: now.adding(seconds: Double(timeout))))
        }
        if let heartbeat {
            timerIds.append(startTimer(.heartbeatTimeout(frameId: fid, taskId: id), due: now.adding(seconds: Double(heartbeat))))
        }
        tasks[id] = PendingTask(frameId: fid, resource: resource, timerIds: timerIds, heartbeatSeconds: heartbeat)
        frames[fid]!.phase = .awaitingTask(taskId: id)
        let invocation = invocationsByState[state.name, default: 0]
        invocationsByState[state.name] = invocation + 1
        commands.append(
            .runTask(
                TaskRequest(
                    taskId: id, stateName: state.name, resource: resource, parameters: parameters,
                    taskToken: frames[fid]!.taskToken, timeoutSeconds: timeout, heartbeatSeconds: heartbeat,
                    credentials: task.credentials, attempt: frames[fid]!.retryCount, invocation: invocation)))
    }

    /// Ids for tasks of unrecorded frames (distributed Map iterations), which have no scheduled event.
    func nextUnrecordedTaskId() -> Int {
        unrecordedTaskIds -= 1
        return unrecordedTaskIds
    }

    /// A definition's number as an Int; values beyond Int's range (the validator sets no upper bound)
    /// saturate instead of trapping.
    static func clampedInt(_ v: Double) -> Int {
        if let exact = Int(exactly: v.rounded(.towardZero)) { return exact }
        return v.isNaN ? 0 : (v < 0 ? Int.min : Int.max)
    }

    /// An opaque token: the SHA-256 of 256 bits of the execution's entropy. The entropy stream is
    /// seeded (a replay must mint the same tokens) and its generator is invertible, so its raw
    /// output would let the holder of one token work out the next; the hash does not.
    func makeTaskToken() -> String {
        var bits: [UInt8] = []
        bits.reserveCapacity(32)
        for _ in 0..<4 {
            let v = entropy.next()
            for k in 0..<8 { bits.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
        }
        return IntrinsicHex.encode(SHA256.hash(bits))
    }

    /// TimeoutSeconds / HeartbeatSeconds given literally, through their `Path` variant or as a JSONata expression.
    func seconds(_ field: NumberField?, field name: String, input: JSONValue, frame fid: Int) throws(StatesError) -> Int? {
        switch field {
        case nil: return nil
        case .value(let v): return Self.clampedInt(v)
        case .jsonata(let template):
            let value = try template.evaluate(in: jsonataScope(fid, input: input), field: name)
            guard let n = value.numberValue, n.isIntegral, let seconds = n.intValue, seconds > 0 else {
                throw unexpectedType(template, field: name, expected: "positive integer", value: value)
            }
            return seconds
        case .path(let path):
            guard let value = scope(fid, input: input).optionalValue(of: path) else {
                throw StatesError.runtime("The \(name)Path parameter does not reference an input value: \(path.text)")
            }
            guard let n = value.numberValue?.int64Value, n > 0 else {
                throw StatesError.runtime(
                    "The \(name)Path parameter does not reference a positive integer: \(path.text) == \(value.serialized())")
            }
            return Int(n)
        }
    }

    func taskStarted(_ taskId: Int, workerName: String?) {
        guard let task = tasks[taskId], !task.started else { return }
        tasks[taskId]!.started = true
        switch task.resource.kind {
        case .activity: emit(.activityStarted, .activityStarted(workerName: workerName), frame: task.frameId)
        case .lambdaFunction: emit(.lambdaFunctionStarted, frame: task.frameId)
        case .service:
            let names = task.resource.eventNames
            emit(.taskStarted, .taskStarted(resourceType: names.resourceType, resource: names.resource), frame: task.frameId)
        }
    }

    func taskSubmitted(_ taskId: Int, output: JSONValue) {
        guard let task = tasks[taskId], case .service = task.resource.kind else { return }
        let names = task.resource.eventNames
        emit(
            .taskSubmitted, .taskSubmitted(resourceType: names.resourceType, resource: names.resource, output: output),
            frame: task.frameId)
    }

    func taskHeartbeat(_ taskId: Int) {
        guard var task = tasks[taskId], let heartbeat = task.heartbeatSeconds else { return }
        for (i, timerId) in task.timerIds.enumerated() {
            if case .heartbeatTimeout = timers[timerId] {
                cancelTimer(timerId)
                task.timerIds[i] = startTimer(
                    .heartbeatTimeout(frameId: task.frameId, taskId: taskId), due: now.adding(seconds: Double(heartbeat)))
            }
        }
        tasks[taskId] = task
    }

    func taskSucceeded(_ taskId: Int, output: JSONValue) {
        guard let task = tasks.removeValue(forKey: taskId) else { return }
        for timer in task.timerIds { cancelTimer(timer) }
        let fid = task.frameId
        switch task.resource.kind {
        case .activity: emit(.activitySucceeded, .output(output), frame: fid)
        case .lambdaFunction: emit(.lambdaFunctionSucceeded, .output(output), frame: fid)
        case .service:
            let names = task.resource.eventNames
            emit(.taskSucceeded, .taskSucceeded(resourceType: names.resourceType, resource: names.resource, output: output), frame: fid)
        }
        guard let frame = frames[fid] else { return }
        frames[fid]!.phase = .executing
        // The raw result counts against the limit too, before ResultSelector trims it.
        if output.serializedSize > limits.maxPayloadBytes {
            failState(fid, dataLimitExceeded(frame.state))
            return
        }
        do {
            let (stateOutput, assigned) = try applyResultAndOutput(fid, state: frame.state, result: output)
            exitState(fid, output: stateOutput, transition: frame.state.transition, assigned: assigned)
        } catch {
            failState(fid, runtimeError(error, frame: fid))
        }
    }

    func taskFailed(_ taskId: Int, error: String?, cause: String?) {
        guard let task = tasks.removeValue(forKey: taskId) else { return }
        for timer in task.timerIds { cancelTimer(timer) }
        emitTaskFailure(task, timedOut: false, error: error, cause: cause)
        frames[task.frameId]!.phase = .executing
        failState(task.frameId, StatesError(error ?? "", cause))
    }

    func taskTimedOut(_ fid: Int, taskId: Int, error: String) {
        guard let task = tasks.removeValue(forKey: taskId) else { return }
        for timer in task.timerIds { cancelTimer(timer) }
        commands.append(.cancelTask(taskId: taskId))
        emitTaskFailure(task, timedOut: true, error: error, cause: nil)
        frames[fid]!.phase = .executing
        failState(fid, StatesError(error, nil))
    }

    /// Records a task's failure or timeout in the event family of its resource (Activity*, LambdaFunction*, Task*).
    func emitTaskFailure(_ task: PendingTask, timedOut: Bool, error: String?, cause: String?) {
        let fid = task.frameId
        switch task.resource.kind {
        case .activity:
            emit(timedOut ? .activityTimedOut : .activityFailed, .failure(error: error, cause: cause), frame: fid)
        case .lambdaFunction:
            emit(timedOut ? .lambdaFunctionTimedOut : .lambdaFunctionFailed, .failure(error: error, cause: cause), frame: fid)
        case .service:
            let names = task.resource.eventNames
            emit(
                timedOut ? .taskTimedOut : .taskFailed,
                .taskFailure(resourceType: names.resourceType, resource: names.resource, error: error, cause: cause), frame: fid)
        }
    }
}
