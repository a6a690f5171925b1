/// One of the 18 intrinsic functions of the Amazon States Language (JSONPath mode).
package enum IntrinsicFunction: String, Sendable, Hashable, CaseIterable {
    case format = "States.Format"
    case stringToJson = "States.StringToJson"
    case jsonToString = "States.JsonToString"
    case array = "States.Array"
    case arrayPartition = "States.ArrayPartition"
    case arrayContains = "States.ArrayContains"
    case arrayRange = "States.ArrayRange"
    case arrayGetItem = "States.ArrayGetItem"
    case arrayLength = "States.ArrayLength"
    case arrayUnique = "States.ArrayUnique"
    case base64Encode = "States.Base64Encode"
    case base64Decode = "States.Base64Decode"
    case hash = "States.Hash"
    case jsonMerge = "States.JsonMerge"
    case mathRandom = "States.MathRandom"
    case mathAdd = "States.MathAdd"
    case stringSplit = "States.StringSplit"
    case uuid = "States.UUID"

    /// The full name, e.g. `States.Format`.
    package var name: String { rawValue }

    /// How many arguments the function takes; checked when the call is parsed.
    package var arity: ClosedRange<Int> {
        switch self {
        case .format: 1...Int.max
        case .array: 0...Int.max
        case .uuid: 0...0
        case .stringToJson, .jsonToString, .arrayLength, .arrayUnique, .base64Encode, .base64Decode: 1...1
        case .arrayPartition, .arrayContains, .arrayGetItem, .hash, .mathAdd, .stringSplit: 2...2
        case .mathRandom: 2...3
        case .arrayRange, .jsonMerge: 3...3
        }
    }

    /// The arity in words, for error messages.
    var arityDescription: String {
        let range = arity
        if range.upperBound == Int.max { return "at least \(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")" }
        if range.lowerBound == range.upperBound {
            return "\(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
        }
        return "\(range.lowerBound) or \(range.upperBound) arguments"
    }
}
