import JSONValue

/// The Choice state's rules and default.
package struct ChoiceState: Sendable {
    package var choices: [ChoiceBranch]
    package var defaultNext: Int?
}

/// One top-level Choice rule with the state it leads to.
package struct ChoiceBranch: Sendable {
    package var rule: ChoiceRule
    package var next: Int
    package var assign: Assignment?
    /// JSONata `Output` of the rule, used in place of the state's when the rule matches.
    package var output: JSONataTemplate?
}

/// A Choice rule: a comparison or a Boolean combination of rules.
package indirect enum ChoiceRule: Sendable {
    case and([ChoiceRule])
    case or([ChoiceRule])
    case not(ChoiceRule)
    case comparison(ChoiceComparison)
    /// A JSONata `Condition`: an expression (or a literal boolean).
    case condition(JSONataTemplate)
}

/// `Variable` compared with an operator to a literal or to another path (`...Path` operators).
package struct ChoiceComparison: Sendable {
    package var variable: JSONPath
    package var op: ComparisonOperator
    package var operand: Operand

    package enum Operand: Sendable {
        case value(JSONValue)
        case path(JSONPath)
    }
}

/// The comparison operators of Choice rules (without their `Path` suffix).
package enum ComparisonOperator: String, Sendable, CaseIterable {
    case stringEquals = "StringEquals"
    case stringLessThan = "StringLessThan"
    case stringGreaterThan = "StringGreaterThan"
    case stringLessThanEquals = "StringLessThanEquals"
    case stringGreaterThanEquals = "StringGreaterThanEquals"
    case stringMatches = "StringMatches"
    case numericEquals = "NumericEquals"
    case numericLessThan = "NumericLessThan"
    case numericGreaterThan = "NumericGreaterThan"
    case numericLessThanEquals = "NumericLessThanEquals"
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    case booleanEquals = "BooleanEquals"
    case timestampEquals = "TimestampEquals"
    case timestampLessThan = "TimestampLessThan"
    case timestampGreaterThan = "TimestampGreaterThan"
    case timestampLessThanEquals = "TimestampLessThanEquals"
    case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
    case isNull = "IsNull"
    case isPresent = "IsPresent"
    case isNumeric = "IsNumeric"
    case isString = "IsString"
    case isBoolean = "IsBoolean"
    case isTimestamp = "IsTimestamp"

    /// Whether a `...Path` variant exists (every operator but the type tests and StringMatches).
    package var hasPathVariant: Bool {
        switch self {
        case .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp, .stringMatches: false
        default: true
        }
    }
}
