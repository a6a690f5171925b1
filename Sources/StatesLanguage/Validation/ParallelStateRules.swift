import JSONValue

extension ValidationPass {
    mutating func validateParallel(_ context: StateContext) {
        let location = context.location
        require(context.fields, ["Branches"], at: location)
        if let value = context.fields["Branches"] {
            let at = Pointer.member(location, "Branches")
            if expect(.array, value, at: at), let branches = value.arrayValue {
                if branches.isEmpty { report("Value cannot be empty", at: at) }
                for (index, branch) in branches.enumerated() {
                    nestedMachine(branch, at: Pointer.element(at, index), extraFields: [])
                }
            }
        }
        validateRetryAndCatch(context)
    }

    /// A Parallel branch or Map item processor: a state machine of its own, validated recursively.
    mutating func nestedMachine(_ value: JSONValue, at location: String, extraFields: Set<String>) {
        guard expect(.object, value, at: location), let machine = value.objectValue else { return }
        rejectUnknownFields(machine, allowed: Set(["StartAt", "States", "Comment"]).union(extraFields), at: location)
        require(machine, ["States", "StartAt"], at: location)
        if let comment = machine["Comment"] { expect(.string, comment, at: Pointer.member(location, "Comment")) }
        validateMachine(machine, at: location, isRoot: false)
    }
}
