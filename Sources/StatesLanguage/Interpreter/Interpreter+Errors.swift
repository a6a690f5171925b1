import JSONValue

/// How a frame (the top level, a branch or an iteration) ended.
enum FrameOutcome {
    case success(JSONValue)
    case failure(StatesError)
}

extension Interpreter {
    /// A state failed with `error`: retry it, catch it, or fail its frame, as its Retry and Catch say.
    func failState(_ fid: Int, _ error: StatesError) {
        guard let frame = frames[fid] else { return }
        let state = frame.state
        if let r = retrierToUse(fid, for: error) {
            let retrier = state.retriers[r]
            var delay = retrier.intervalSeconds * pow(retrier.backoffRate, Double(frame.retryCounts[r]))
            if let cap = retrier.maxDelaySeconds { delay = min(delay, cap) }
            if retrier.jitter == .full { delay *= entropy.nextDouble() }
            frame.retryCounts[r] += 1
            frame.retryCount += 1
            let timer = startTimer(.retry(frameId: fid), due: now.adding(seconds: delay))
            frame.phase = .awaitingTimer(timerId: timer)
            return
        }
        if let catcher = state.catchers.first(where: { Self.matches($0.errorEquals, error, state: state) }) {
            var errorOutput = JSONObject(minimumCapacity: 2)
            errorOutput.append("Error", .string(error.name))
            if let cause = error.cause { errorOutput.append("Cause", .string(cause)) }
            do {
                let errorValue = JSONValue.object(errorOutput)
                if state.queryLanguage == .jsonata {
                    let s = jsonataScope(fid, input: frame.stateInput, errorOutput: errorValue)
                    let output = try catcher.output?.evaluate(in: s, field: "Output") ?? errorValue
                    exitState(fid, output: output, transition: .next(catcher.next), assigned: try assignedVariables(catcher.assign, fid: fid, jsonata: s))
                    return
                }
                let assigned = try assignedVariables(catcher.assign, fid: fid, jsonPathInput: errorValue)
                let output = try placeResult(catcher.resultPath, result: errorValue, into: frame.stateInput)
                exitState(fid, output: output, transition: .next(catcher.next), assigned: assigned)
            } catch {
                finishFrame(fid, .failure(runtimeError(error, frame: fid)))
            }
            return
        }
        finishFrame(fid, .failure(error))
    }

    /// The retrier that retries `error` now: the first one that matches it, if it has attempts left.
    func retrierToUse(_ fid: Int, for error: StatesError) -> Int? {
        guard let frame = frames[fid] else { return nil }
        let state = frame.state
        guard let r = state.retriers.firstIndex(where: { Self.matches($0.errorEquals, error, state: state) }),
            frame.retryCounts[r] < state.retriers[r].maxAttempts
        else { return nil }
        return r
    }

    /// Whether an `ErrorEquals` list matches an error. `States.ALL` matches everything but the
    /// terminal errors; `States.TaskFailed` matches any failure of a Task state but a timeout.
    static func matches(_ errorEquals: [String], _ error: StatesError, state: State) -> Bool {
        // States.Runtime is never retried or caught, even when named: it always fails the execution.
        if error.name == StatesErrorName.runtime { return false }
        if errorEquals.contains(error.name) { return true }
        let terminal = error.isTerminal
        if errorEquals.contains(StatesErrorName.all) { return !terminal }
        if errorEquals.contains(StatesErrorName.taskFailed), case .task = state.kind {
            return !terminal && error.name != StatesErrorName.timeout && error.name != StatesErrorName.heartbeatTimeout
        }
        return false
    }

    /// A frame ended: the execution ends with the top level, a branch or iteration reports to its parent.
    func finishFrame(_ fid: Int, _ outcome: FrameOutcome) {
        guard let frame = frames[fid] else { return }
        frames[fid]!.phase = .finished
        guard let parent = frame.parent else {
            switch outcome {
            case .success(let output):
                endExecution(.succeeded, output: output)
            case .failure(let error):
                endExecution(.failed, error: error.name, cause: error.cause)
            }
            return
        }
        frames[fid] = nil
        childFinished(parent: parent.frameId, index: parent.index, child: fid, outcome: outcome)
    }

    /// Stops a frame and everything it waits for; Map iterations record MapIterationAborted.
    func abortFrame(_ fid: Int) {
        guard let frame = frames[fid] else { return }
        switch frame.phase {
        case .awaitingTask(let taskId):
            if let task = tasks.removeValue(forKey: taskId) {
                for timer in task.timerIds { cancelTimer(timer) }
                commands.append(.cancelTask(taskId: taskId))
            }
        case .awaitingTimer(let timerId):
            cancelTimer(timerId)
        case .awaitingChildren:
            if let fan = frame.fanOut {
                for child in fan.running.sorted() { abortFrame(child) }
            }
        default:
            break
        }
        frames[fid] = nil
    }
}

/// Real-valued power without Foundation.
func pow(_ base: Double, _ exponent: Double) -> Double {
    guard exponent > 0 else { return 1 }
    var result = 1.0
    var k = Int(exponent)
    var b = base
    while k > 0 {
        if k & 1 == 1 { result *= b }
        b *= b
        k >>= 1
    }
    return result
}
