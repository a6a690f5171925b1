import JSONValue

extension Interpreter {
    // MARK: Parallel

    func startParallel(_ fid: Int, state: State, _ parallel: ParallelState) throws(StatesError) {
        let effective: JSONValue
        let branchInput: JSONValue
        if state.queryLanguage == .jsonata {
            effective = frames[fid]!.stateInput
            branchInput = try state.arguments?.evaluate(in: jsonataScope(fid, input: effective), field: "Arguments") ?? effective
        } else {
            effective = try select(state.inputPath, from: frames[fid]!.stateInput, frame: fid)
            branchInput = try state.parameters?.evaluate(in: scope(fid, input: effective)) ?? effective
        }
        let startedId = emit(.parallelStateStarted, frame: fid)
        var fan = FanOut(kind: .parallel, effectiveInput: effective, results: Array(repeating: nil, count: parallel.branches.count))
        for (i, branch) in parallel.branches.enumerated() {
            let child = makeFrame(
                machine: branch, input: branchInput, parent: Frame.ParentLink(frameId: fid, index: i), recordsHistory: true,
                lastEventId: startedId, inheritsFrom: frames[fid]!)
            fan.running.insert(child)
            ready.append(child)
        }
        frames[fid]!.phase = .awaitingChildren
        frames[fid]!.fanOut = fan
        if parallel.branches.isEmpty { fanOutCompleted(fid) }
    }

    // MARK: Map

    func startMap(_ fid: Int, state: State, _ map: MapState) throws(StatesError) {
        let jsonata = state.queryLanguage == .jsonata
        let effective = jsonata ? frames[fid]!.stateInput : try select(state.inputPath, from: frames[fid]!.stateInput, frame: fid)
        let maxConcurrency = try integerField(map.maxConcurrency, name: "MaxConcurrency", fid: fid, input: effective) ?? 0
        if map.itemReader != nil {
            throw StatesError(
                StatesErrorName.itemReaderFailed,
                "ItemReader reads items from Amazon S3, which this Stepwise deployment has no connection to.")
        }
        if map.resultWriter != nil {
            throw StatesError(
                StatesErrorName.resultWriterFailed,
                "ResultWriter writes results to Amazon S3, which this Stepwise deployment has no connection to.")
        }
        let itemsValue = jsonata ? try jsonataItems(fid, map: map, input: effective) : try select(map.itemsPath, from: effective, frame: fid)
        guard case .array(var items) = itemsValue else {
            let path: String
            if case .path(let p) = map.itemsPath { path = p.text } else { path = "$" }
            throw StatesError.runtime(
                "Item list from '\(path)' is not an array: \(itemsValue.serialized())")
        }
        emit(.mapStateStarted, .mapStateStarted(length: items.count), frame: fid)
        let toleratedCount = try integerField(map.toleratedFailureCount, name: "ToleratedFailureCount", fid: fid, input: effective)
        let toleratedPercentage = try floatField(
            map.toleratedFailurePercentage, name: "ToleratedFailurePercentage", fid: fid, input: effective)
        if let c = toleratedCount, c < 0 { throw StatesError.runtime("ToleratedFailureCount cannot be negative.") }
        if let p = toleratedPercentage, p < 0 || p > 100 {
            throw StatesError.runtime("ToleratedFailurePercentage must be between 0 and 100.")
        }
        var prepared = false
        if let batcher = map.itemBatcher {
            items = try batches(of: items, batcher: batcher, state: state, fid: fid, effective: effective)
            prepared = true
        }
        var fan = FanOut(kind: .map, effectiveInput: effective, results: Array(repeating: nil, count: items.count))
        fan.items = items
        fan.itemsAreInputs = prepared
        fan.maxConcurrency = maxConcurrency
        fan.toleratedFailureCount = toleratedCount
        fan.toleratedFailurePercentage = toleratedPercentage
        fan.distributed = map.mode == .distributed
        fan.pendingIndices = Array((0..<items.count).reversed())
        if fan.distributed {
            let label = map.label.map { $0 + ":" } ?? ""
            let arn = "arn:aws:states:\(identity.region):\(accountId):mapRun:\(identity.stateMachineName)/\(label)\(entropy.uuidString())"
            emit(.mapRunStarted, .mapRunStarted(mapRunArn: arn), frame: fid)
        }
        frames[fid]!.phase = .awaitingChildren
        frames[fid]!.fanOut = fan
        if items.isEmpty {
            fanOutCompleted(fid)
        } else {
            do {
                try startPendingIterations(fid, map: map)
            } catch {
                // Iterations may already run: fail the Map as a whole so they are aborted with it.
                fanOutFailed(fid, error: runtimeError(error, frame: fid))
            }
        }
    }

    /// ItemBatcher: each child gets `{"BatchInput": ..., "Items": [...]}`, the items passed through
    /// ItemSelector first, cut by MaxItemsPerBatch and MaxInputBytesPerBatch (AWS's 256 KiB at most).
    func batches(of items: [JSONValue], batcher: JSONValue, state: State, fid: Int, effective: JSONValue) throws(StatesError)
        -> [JSONValue]
    {
        let s = scope(fid, input: effective)
        func limit(_ key: String) throws(StatesError) -> Int? {
            if let v = batcher[key] {
                guard let n = v.numberValue?.intValue, n > 0 else {
                    throw StatesError.runtime("ItemBatcher's \(key) must be a positive integer, not \(v.serialized())")
                }
                return n
            }
            guard let text = batcher[key + "Path"]?.stringValue else { return nil }
            let path: JSONPath
            do {
                path = try JSONPath(text)
            } catch {
                throw StatesError.runtime("ItemBatcher's \(key)Path is not a valid path: \(text)")
            }
            guard let n = s.optionalValue(of: path)?.numberValue?.intValue, n > 0 else {
                throw StatesError.runtime("The \(key)Path field refers to a value which is not a positive integer: \(text)")
            }
            return n
        }
        let maxItems = try limit("MaxItemsPerBatch") ?? Int.max
        let maxBytes = min(try limit("MaxInputBytesPerBatch") ?? limits.maxPayloadBytes, limits.maxPayloadBytes)
        var batchInput: JSONValue?
        if let raw = batcher["BatchInput"] {
            let template: PayloadTemplate
            do {
                template = try PayloadTemplate(compiling: raw)
            } catch {
                throw StatesError.runtime("ItemBatcher's BatchInput: \(error.reason)")
            }
            batchInput = try template.evaluate(in: s)
        }
        var out: [JSONValue] = []
        var current: [JSONValue] = []
        var currentBytes = 0
        func flush() {
            guard !current.isEmpty else { return }
            var batch = JSONObject(minimumCapacity: 2)
            if let batchInput { batch.append("BatchInput", batchInput) }
            batch.append("Items", .array(current))
            out.append(.object(batch))
            current = []
            currentBytes = 0
        }
        for (index, item) in items.enumerated() {
            var selected = item
            if let selector = state.parameters {
                selected = try selector.evaluate(in: scope(fid, input: effective, mapItem: (index, item)))
            }
            let size = selected.serializedSize + 1
            if !current.isEmpty, current.count >= maxItems || currentBytes + size > maxBytes { flush() }
            current.append(selected)
            currentBytes += size
        }
        flush()
        return out
    }

    var accountId: String {
        let parts = identity.stateMachineArn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 4 ? String(parts[4]) : "123456789012"
    }

    /// Starts Map iterations until MaxConcurrency of them run.
    func startPendingIterations(_ fid: Int, map: MapState) throws(StatesError) {
        // The fan-out is mutated in place: copying it out would copy its arrays for every iteration.
        while frames[fid]?.fanOut?.canStartIteration == true {
            let index = frames[fid]!.fanOut!.pendingIndices.removeLast()
            let item = frames[fid]!.fanOut!.items[index]
            let distributed = frames[fid]!.fanOut!.distributed
            let state = frames[fid]!.state
            let input: JSONValue
            if let selector = state.arguments {
                let effectiveInput = frames[fid]!.fanOut!.effectiveInput
                input = try selector.evaluate(in: jsonataScope(fid, input: effectiveInput, mapItem: (index, item)), field: "ItemSelector")
            } else if let selector = state.parameters, !frames[fid]!.fanOut!.itemsAreInputs {
                let effectiveInput = frames[fid]!.fanOut!.effectiveInput
                input = try selector.evaluate(in: scope(fid, input: effectiveInput, mapItem: (index, item)))
            } else {
                input = item
            }
            let startedId = distributed ? 0 : emit(.mapIterationStarted, .mapIteration(name: state.name, index: index), frame: fid)
            // A distributed Map's iterations are child executions: outer variables are out of their reach.
            let child = makeFrame(
                machine: map.processor, input: input, parent: Frame.ParentLink(frameId: fid, index: index),
                recordsHistory: !distributed, lastEventId: startedId, inheritsFrom: distributed ? nil : frames[fid]!)
            frames[fid]!.fanOut!.running.insert(child)
            ready.append(child)
        }
    }

    /// JSONata `Items` (the state input when absent): the array a Map iterates.
    func jsonataItems(_ fid: Int, map: MapState, input: JSONValue) throws(StatesError) -> JSONValue {
        guard let template = map.items else {
            guard case .array = input else {
                throw StatesError.queryEvaluation("Map state input must be an array but was: \(input.serialized())", location: "Items")
            }
            return input
        }
        let value = try template.evaluate(in: jsonataScope(fid, input: input), field: "Items")
        guard case .array = value else { throw unexpectedType(template, field: "Items", expected: "array", value: value) }
        return value
    }

    /// A number field's value: literal, from its `Path` variant (read from `input`) or from a JSONata expression.
    func numberFieldValue(_ field: NumberField, name: String, fid: Int, input: JSONValue) throws(StatesError)
        -> (value: JSONValue?, source: String)
    {
        switch field {
        case .value(let v): return (.double(v), "")
        case .path(let path): return (scope(fid, input: input).optionalValue(of: path), path.text)
        case .jsonata(let template): return (try template.evaluate(in: jsonataScope(fid, input: input), field: name), template.sourceText)
        }
    }

    /// A value that must be an integer: MaxConcurrency, ToleratedFailureCount.
    func integerField(_ field: NumberField?, name: String, fid: Int, input: JSONValue) throws(StatesError) -> Int? {
        guard let field else { return nil }
        if case .value(let v) = field { return Self.clampedInt(v) }
        let (value, source) = try numberFieldValue(field, name: name, fid: fid, input: input)
        // AWS reads an integer written as a string too (`"1"` assigned to a variable, say).
        if case .path = field, case .string(let text)? = value, let i = Int(text) { return i }
        guard let n = value?.numberValue, n.isIntegral, let i = n.intValue else {
            if case .jsonata(let template) = field, let value {
                throw unexpectedType(template, field: name, expected: "integer", value: value)
            }
            throw StatesError.runtime(
                "The \(name)Path field refers to value \"\(Self.shown(value))\" which is not a valid integer: \(source)")
        }
        return i
    }

    /// A value that must be a number: ToleratedFailurePercentage.
    func floatField(_ field: NumberField?, name: String, fid: Int, input: JSONValue) throws(StatesError) -> Double? {
        guard let field else { return nil }
        let (value, source) = try numberFieldValue(field, name: name, fid: fid, input: input)
        if case .path = field, case .string(let text)? = value, let d = Double(text) { return d }
        guard let n = value?.numberValue else {
            if case .jsonata(let template) = field, let value {
                throw unexpectedType(template, field: name, expected: "number", value: value)
            }
            throw StatesError.runtime(
                "The \(name)Path field refers to value \"\(Self.shown(value))\" which is not a valid float: \(source)")
        }
        return n.doubleValue
    }

    static func shown(_ value: JSONValue?) -> String {
        guard let value else { return "null" }
        return value.stringValue ?? value.serialized()
    }

    // MARK: Children ending

    func childFinished(parent pid: Int, index: Int, child: Int, outcome: FrameOutcome) {
        guard let kind = frames[pid]?.fanOut?.kind else { return }
        let state = frames[pid]!.state
        let recordsIterations = kind == .map && !frames[pid]!.fanOut!.distributed
        frames[pid]!.fanOut!.running.remove(child)
        frames[pid]!.fanOut!.completed += 1
        switch outcome {
        case .success(let output):
            frames[pid]!.fanOut!.results[index] = output
            if recordsIterations { emit(.mapIterationSucceeded, .mapIteration(name: state.name, index: index), frame: pid) }
        case .failure(let error):
            if recordsIterations { emit(.mapIterationFailed, .mapIteration(name: state.name, index: index), frame: pid) }
            frames[pid]!.fanOut!.failureCount += 1
            if let failure = fanOutFailure(frames[pid]!.fanOut!, error: error) {
                fanOutFailed(pid, error: failure)
                return
            }
        }
        if frames[pid]!.fanOut!.completed == frames[pid]!.fanOut!.results.count {
            fanOutCompleted(pid)
            return
        }
        if case .map(let map) = state.kind {
            do {
                try startPendingIterations(pid, map: map)
            } catch {
                fanOutFailed(pid, error: runtimeError(error, frame: pid))
            }
        }
    }

    /// Whether one more failed child fails the whole Parallel or Map state, and with which error:
    /// any failure fails a Parallel, and a Map unless it tolerates failures and stays within the bounds.
    func fanOutFailure(_ fan: FanOut, error: StatesError) -> StatesError? {
        if fan.kind == .parallel || error.isTerminal { return error }
        if fan.toleratedFailureCount == nil, fan.toleratedFailurePercentage == nil { return error }
        var exceeded = false
        if let count = fan.toleratedFailureCount, fan.failureCount > count { exceeded = true }
        if let percentage = fan.toleratedFailurePercentage,
            Double(fan.failureCount) * 100 / Double(max(1, fan.results.count)) > percentage
        {
            exceeded = true
        }
        guard exceeded else { return nil }
        return StatesError(
            StatesErrorName.exceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded")
    }

    func fanOutFailed(_ pid: Int, error: StatesError) {
        guard let fan = frames[pid]?.fanOut else { return }
        let state = frames[pid]!.state
        for child in fan.running.sorted() {
            let index = frames[child]?.parent?.index
            abortFrame(child)
            if fan.kind == .map, !fan.distributed, let index {
                emit(.mapIterationAborted, .mapIteration(name: state.name, index: index), frame: pid)
            }
        }
        frames[pid]!.fanOut = nil
        if fan.distributed { emit(.mapRunFailed, .failure(error: error.name, cause: error.cause), frame: pid) }
        // A state that is retried records its failure once, when it gives up (as AWS's history shows).
        if retrierToUse(pid, for: error) == nil {
            emit(fan.kind == .parallel ? .parallelStateFailed : .mapStateFailed, frame: pid)
        }
        frames[pid]!.phase = .executing
        failState(pid, error)
    }

    func fanOutCompleted(_ pid: Int) {
        guard let fan = frames[pid]?.fanOut else { return }
        let state = frames[pid]!.state
        frames[pid]!.fanOut = nil
        switch fan.kind {
        case .parallel:
            emit(.parallelStateSucceeded, frame: pid)
        case .map:
            if fan.distributed { emit(.mapRunSucceeded, frame: pid) }
            emit(.mapStateSucceeded, frame: pid)
        }
        frames[pid]!.phase = .executing
        // Tolerated failures leave null in their slot (what AWS puts there is not verified).
        let results = fan.results.map { $0 ?? .null }
        do {
            let (output, assigned) = try applyResultAndOutput(pid, state: state, result: .array(results))
            exitState(pid, output: output, transition: state.transition, assigned: assigned)
        } catch {
            failState(pid, runtimeError(error, frame: pid))
        }
    }
}
