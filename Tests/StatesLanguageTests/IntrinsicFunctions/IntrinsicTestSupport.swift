import JSONValue
@testable import StatesLanguage

/// A tiny path resolver for tests only (the real JSONPath engine lives elsewhere): `$`, `$$`,
/// `$var`, then `.name`, `['name']` and `[index]` steps.
struct TestPathResolver {
    var input: JSONValue
    var context: JSONValue = [:]
    var variables: [String: JSONValue] = [:]

    func resolve(_ path: String) throws(StatesError) -> JSONValue {
        guard let value = lookup(path) else {
            throw StatesError.runtime("The JSONPath '\(path)' could not be found in the input")
        }
        return value
    }

    func lookup(_ path: String) -> JSONValue? {
        let chars = Array(path)
        guard chars.first == "$" else { return nil }
        var i = 1
        var current: JSONValue
        if i < chars.count, chars[i] == "$" {
            current = context
            i += 1
        } else if i < chars.count, chars[i] != "." && chars[i] != "[" {
            var name = ""
            while i < chars.count, chars[i] != "." && chars[i] != "[" {
                name.append(chars[i])
                i += 1
            }
            guard let value = variables[name] else { return nil }
            current = value
        } else {
            current = input
        }
        while i < chars.count {
            if chars[i] == "." {
                i += 1
                var name = ""
                while i < chars.count, chars[i] != "." && chars[i] != "[" {
                    name.append(chars[i])
                    i += 1
                }
                guard let next = current[name] else { return nil }
                current = next
            } else if chars[i] == "[" {
                i += 1
                if chars[i] == "'" {
                    i += 1
                    var name = ""
                    while i < chars.count, chars[i] != "'" {
                        name.append(chars[i])
                        i += 1
                    }
                    i += 2
                    guard let next = current[name] else { return nil }
                    current = next
                } else {
                    var digits = ""
                    while i < chars.count, chars[i] != "]" {
                        digits.append(chars[i])
                        i += 1
                    }
                    i += 1
                    guard let index = Int(digits), let next = current[index] else { return nil }
                    current = next
                }
            } else {
                return nil
            }
        }
        return current
    }
}

/// Parses and evaluates `text` against `input`.
func evaluate(
    _ text: String, input: JSONValue = [:], variables: [String: JSONValue] = [:], seed: UInt64 = 42
) throws -> JSONValue {
    let call = try IntrinsicCall(parsing: text)
    let resolver = TestPathResolver(input: input, variables: variables)
    return try call.evaluate(resolvePath: resolver.resolve, entropy: SeededEntropy(seed: seed))
}

/// The StatesError that evaluating `text` raises, or nil when it succeeds (or fails to parse).
func evaluationError(_ text: String, input: JSONValue = [:]) -> StatesError? {
    guard let call = try? IntrinsicCall(parsing: text) else { return nil }
    let resolver = TestPathResolver(input: input)
    do {
        _ = try call.evaluate(resolvePath: resolver.resolve, entropy: SeededEntropy(seed: 1))
        return nil
    } catch {
        return error
    }
}

/// The parse error for `text`, or nil when it parses.
func parseError(_ text: String) -> IntrinsicParseError? {
    do {
        _ = try IntrinsicCall(parsing: text)
        return nil
    } catch {
        return error
    }
}
