import JSONValue

extension ValidationPass {
    /// Retry and Catch of a Task, Parallel or Map state.
    mutating func validateRetryAndCatch(_ context: StateContext) {
        if let retry = context.fields["Retry"] {
            let at = Pointer.member(context.location, "Retry")
            if expect(.array, retry, at: at), let retriers = retry.arrayValue {
                for (index, retrier) in retriers.enumerated() {
                    validateRetrier(retrier, at: Pointer.element(at, index), isLast: index == retriers.count - 1, context: context)
                }
            }
        }
        if let catchValue = context.fields["Catch"] {
            let at = Pointer.member(context.location, "Catch")
            if expect(.array, catchValue, at: at), let catchers = catchValue.arrayValue {
                for (index, catcher) in catchers.enumerated() {
                    validateCatcher(catcher, at: Pointer.element(at, index), isLast: index == catchers.count - 1, context: context)
                }
            }
        }
    }

    private mutating func validateRetrier(_ value: JSONValue, at location: String, isLast: Bool, context: StateContext) {
        guard expect(.object, value, at: location), let retrier = value.objectValue else { return }
        rejectUnknownFields(
            retrier,
            allowed: ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"],
            at: location)
        require(retrier, ["ErrorEquals"], at: location)
        errorEquals(retrier, at: location, isLast: isLast)
        if let comment = retrier["Comment"] { expect(.string, comment, at: Pointer.member(location, "Comment")) }
        integerField(retrier, "IntervalSeconds", in: location, minimum: 1, maximum: 99_999_999, language: .jsonPath)
        integerField(retrier, "MaxAttempts", in: location, minimum: 0, maximum: 99_999_999, language: .jsonPath)
        integerField(retrier, "MaxDelaySeconds", in: location, minimum: 1, maximum: 31_622_400, language: .jsonPath)
        numberField(retrier, "BackoffRate", in: location, minimum: 1.0, maximum: nil, language: .jsonPath)
        enumField(retrier, "JitterStrategy", in: location, values: ["NONE", "FULL"])
    }

    private mutating func validateCatcher(_ value: JSONValue, at location: String, isLast: Bool, context: StateContext) {
        guard expect(.object, value, at: location), let catcher = value.objectValue else { return }
        let allowed: Set<String> = ["ErrorEquals", "Next", "ResultPath", "Comment", "Assign", "Output"]
        var usable = JSONObject()
        for (key, member) in catcher.members {
            if !allowed.contains(key) {
                report("Field '\(key)' is not supported", at: location)
            } else if LanguageFields.belongsToOther(key, than: context.language) {
                report(LanguageFields.message(field: key, language: context.language), at: location)
            } else {
                usable.append(key, member)
            }
        }
        require(catcher, ["ErrorEquals", "Next"], at: location)
        errorEquals(catcher, at: location, isLast: isLast)
        if let next = usable["Next"] { expect(.string, next, at: Pointer.member(location, "Next")) }
        if let comment = usable["Comment"] { expect(.string, comment, at: Pointer.member(location, "Comment")) }
        if context.language == .jsonPath {
            pathField(usable, "ResultPath", in: location, kind: .reference, nullable: true)
        }
        if let assign = usable["Assign"] {
            assignField(assign, at: Pointer.member(location, "Assign"), language: context.language)
        }
    }

    /// ErrorEquals: a non-empty list of error names where `States.ALL` stands alone in the last entry.
    private mutating func errorEquals(_ object: JSONObject, at location: String, isLast: Bool) {
        guard let value = object["ErrorEquals"] else { return }
        let at = Pointer.member(location, "ErrorEquals")
        guard expect(.array, value, at: at), let names = value.arrayValue else { return }
        if names.isEmpty {
            report("Value cannot be empty", at: at)
            return
        }
        for (index, name) in names.enumerated() {
            expect(.string, name, at: Pointer.element(at, index))
        }
        if names.contains(.string("States.ALL")) && (names.count > 1 || !isLast) {
            report("States.ALL must appear alone and at end of list", at: at)
        }
    }
}
