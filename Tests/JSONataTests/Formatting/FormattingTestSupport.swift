@testable import JSONata

/// What a suite case expects: a value, jsonata's `undefined`, or an error code.
enum PictureExpectation<Value: Sendable & Equatable>: Sendable, Equatable {
    case value(Value)
    case undefined
    case error(String)
}

/// Runs `body` and folds a thrown JSONataError into the same shape the suite uses.
func pictureOutcome<Value>(_ body: () throws(JSONataError) -> Value?) -> PictureExpectation<Value> {
    do {
        guard let value = try body() else { return .undefined }
        return .value(value)
    } catch {
        return .error(error.code)
    }
}

/// Numbers compare as IEEE doubles, with NaN equal to itself so "produces NaN" can be pinned.
func samePictureNumber(_ actual: PictureExpectation<Double>, _ expected: PictureExpectation<Double>) -> Bool {
    if case .value(let a) = actual, case .value(let b) = expected {
        return a == b || (a.isNaN && b.isNaN)
    }
    return actual == expected
}
