import JSONValue

extension ValidationPass {
    /// Transition targets, the terminal state and reachability of one machine's States.
    mutating func validateGraph(_ states: JSONObject, startAt: String?, machineLocation: String, isRoot: Bool) {
        let statesLocation = Pointer.member(machineLocation, "States")
        var startExists = false
        if let startAt {
            startExists = states[startAt] != nil
            if !startExists {
                missingTarget(startAt, at: Pointer.member(machineLocation, "StartAt"))
            }
        }
        var edges: [String: [String]] = [:]
        var hasTerminal = false
        for (name, value) in states.members {
            guard case .object(let state) = value else { continue }
            let location = Pointer.member(statesLocation, name)
            var targets: [String] = []
            func target(_ value: JSONValue?, _ at: String, _ pass: inout ValidationPass) {
                guard let next = value?.stringValue else { return }
                targets.append(next)
                if states[next] == nil { pass.missingTarget(next, at: at) }
            }
            target(state["Next"], Pointer.member(location, "Next"), &self)
            target(state["Default"], Pointer.member(location, "Default"), &self)
            for key in ["Choices", "Catch"] {
                for (index, element) in (state[key]?.arrayValue ?? []).enumerated() {
                    target(element["Next"], Pointer.member(Pointer.element(Pointer.member(location, key), index), "Next"), &self)
                }
            }
            edges[name] = targets
            let type = state["Type"]?.stringValue
            if type == "Succeed" || type == "Fail" || state["End"]?.boolValue == true { hasTerminal = true }
        }
        if isRoot && !hasTerminal {
            // A machine with no way to stop is reported alone: its unreachable states are not listed on top.
            report("Workflow has no terminal state", at: nil, code: DiagnosticCode.missingEndState)
            return
        }
        guard let startAt, startExists else { return }
        var reached: Set<String> = [startAt]
        var pending = [startAt]
        while let name = pending.popLast() {
            for next in edges[name] ?? [] where states[next] != nil && reached.insert(next).inserted {
                pending.append(next)
            }
        }
        for name in states.keys where !reached.contains(name) {
            report("State \"\(name)\" is not reachable.", at: Pointer.member(statesLocation, name), code: DiagnosticCode.missingTransitionTarget)
        }
    }

    private mutating func missingTarget(_ name: String, at location: String) {
        report("Missing 'Next' target: \(name)", at: location, code: DiagnosticCode.missingTransitionTarget)
    }
}
