import Foundation
import JSONValue
import Testing
@testable import StatesLanguage

/// Plays the intrinsic-function cases recorded against real AWS (`../shared/conformance/cases/intrinsic`)
/// through the parser and evaluator alone: single Pass-state machines whose `Parameters` hold calls.
@Suite("Intrinsic conformance cases")
struct IntrinsicConformanceTests {
    static let casesDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // IntrinsicFunctions
        .deletingLastPathComponent()  // StatesLanguageTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/conformance/cases/intrinsic")

    static let machineName = "conf_0123abcd"
    static let executionName = "exec-4f2c"

    @Test("every single-Pass-state intrinsic case gives the output AWS gave")
    func recordedCases() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.casesDirectory.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        #expect(!files.isEmpty, "no cases found in \(Self.casesDirectory.path)")
        var checked = 0
        var failures: [String] = []
        var skipped: [String] = []
        for file in files {
            let data = try Data(contentsOf: Self.casesDirectory.appendingPathComponent(file))
            let testCase = try JSONValue(parsing: data)
            switch run(testCase) {
            case .skipped:
                skipped.append(file)
            case .matched:
                checked += 1
            case .mismatch(let detail):
                checked += 1
                failures.append("\(file): \(detail)")
            }
        }
        print("intrinsic cases: \(checked - failures.count)/\(checked) match (\(skipped.count) of \(files.count) skipped: not a single Pass state with calls)")
        for skip in skipped { print("  skipped \(skip)") }
        for failure in failures { print("  FAIL \(failure)") }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(checked >= 100)
    }

    enum Outcome {
        case skipped, matched
        case mismatch(String)
    }

    func run(_ testCase: JSONValue) -> Outcome {
        guard testCase["expected"]?["status"] == "SUCCEEDED",
            let expected = testCase["expected"]?["output"],
            case .object(let states)? = testCase["definition"]?["States"], states.count == 1,
            let stateName = states.keys.first, let state = states.values.first,
            state["Type"] == "Pass",
            case .object(let parameters)? = state["Parameters"],
            Self.containsCall(parameters)
        else { return .skipped }

        let input = testCase["input"] ?? [:]
        let context: JSONValue = [
            "Execution": [
                "Id": .string("arn:aws:states:us-east-1:123456789012:execution:\(Self.machineName):\(Self.executionName)"),
                "Input": input,
                "Name": .string(Self.executionName),
                "RoleArn": "arn:aws:iam::123456789012:role/test",
                "StartTime": "2024-01-01T00:00:00.000Z",
            ],
            "StateMachine": [
                "Id": .string("arn:aws:states:us-east-1:123456789012:stateMachine:\(Self.machineName)"),
                "Name": .string(Self.machineName),
            ],
            "State": ["Name": .string(stateName), "EnteredTime": "2024-01-01T00:00:00.000Z"],
        ]
        let resolver = TestPathResolver(input: input, context: context)
        let entropy = SeededEntropy(seed: 7)
        do {
            let result = try Self.applyTemplate(parameters, resolver: resolver, entropy: entropy)
            var output = result
            if case .string(let resultPath)? = state["ResultPath"], resultPath != "$" {
                guard resultPath.hasPrefix("$."), case .object(var object) = input else { return .skipped }
                object[String(resultPath.dropFirst(2))] = result
                output = .object(object)
            }
            if case .string(let outputPath)? = state["OutputPath"] {
                guard let selected = TestPathResolver(input: output).lookup(outputPath) else {
                    return .mismatch("OutputPath \(outputPath) selects nothing")
                }
                output = selected
            }
            let wildcards = testCase["wildcards"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if PlaceholderMatcher(wildcards: wildcards).matches(expected, output) { return .matched }
            return .mismatch("expected \(expected.serialized()), got \(output.serialized())")
        } catch {
            return .mismatch("\(error)")
        }
    }

    static func containsCall(_ object: JSONObject) -> Bool {
        object.members.contains { key, value in
            if key.hasSuffix(".$"), case .string(let text) = value { return IntrinsicCall.looksLikeCall(text) }
            if case .object(let nested) = value { return containsCall(nested) }
            return false
        }
    }

    /// A payload template, reduced to what the cases use: `key.$` members take a call's or a path's value.
    static func applyTemplate(_ object: JSONObject, resolver: TestPathResolver, entropy: SeededEntropy) throws -> JSONValue {
        var out = JSONObject()
        for (key, value) in object.members {
            if key.hasSuffix(".$"), case .string(let text) = value {
                let name = String(key.dropLast(2))
                if IntrinsicCall.looksLikeCall(text) {
                    let call = try IntrinsicCall(parsing: text)
                    out[name] = try call.evaluate(resolvePath: resolver.resolve, entropy: entropy)
                } else {
                    out[name] = try resolver.resolve(text)
                }
            } else if case .object(let nested) = value {
                out[key] = try applyTemplate(nested, resolver: resolver, entropy: entropy)
            } else {
                out[key] = value
            }
        }
        return .object(out)
    }
}

/// The conformance README's comparison: objects by key set, arrays in order, numbers by value,
/// and strings as patterns where `<...>` tokens and the case's wildcards match any non-empty text
/// and `111111111111` any 12-digit account.
struct PlaceholderMatcher {
    var wildcards: [String]

    func matches(_ expected: JSONValue, _ actual: JSONValue) -> Bool {
        switch (expected, actual) {
        case (.object(let e), .object(let a)):
            guard e.count == a.count else { return false }
            return e.members.allSatisfy { key, value in a[key].map { matches(value, $0) } ?? false }
        case (.array(let e), .array(let a)):
            return e.count == a.count && zip(e, a).allSatisfy { matches($0, $1) }
        case (.number(let e), .number(let a)):
            return e.doubleValue == a.doubleValue
        case (.string(let e), .string(let a)):
            return e == a || matchesPattern(e, a)
        case (.string(let e), .number), (.string(let e), .bool):
            return matchesPattern(e, actual.serialized())
        default:
            return expected == actual
        }
    }

    private enum Piece: Equatable {
        case text(Character)
        case anything
        case digits(Int)
    }

    private func matchesPattern(_ pattern: String, _ text: String) -> Bool {
        var pieces: [Piece] = []
        var rest = Substring(pattern)
        outer: while let first = rest.first {
            for wildcard in wildcards where rest.hasPrefix(wildcard) {
                pieces.append(.anything)
                rest = rest.dropFirst(wildcard.count)
                continue outer
            }
            if rest.hasPrefix("111111111111") {
                pieces.append(.digits(12))
                rest = rest.dropFirst(12)
            } else if first == "<", let close = rest.firstIndex(of: ">") {
                pieces.append(.anything)
                rest = rest[rest.index(after: close)...]
            } else {
                pieces.append(.text(first))
                rest = rest.dropFirst()
            }
        }
        guard pieces.contains(where: { $0 != .text(" ") && !isText($0) }) else { return false }
        return match(pieces[...], Array(text)[...])
    }

    private func isText(_ piece: Piece) -> Bool {
        if case .text = piece { return true }
        return false
    }

    private func match(_ pieces: ArraySlice<Piece>, _ text: ArraySlice<Character>) -> Bool {
        guard let piece = pieces.first else { return text.isEmpty }
        switch piece {
        case .text(let c):
            return text.first == c && match(pieces.dropFirst(), text.dropFirst())
        case .digits(let n):
            guard text.count >= n, text.prefix(n).allSatisfy(\.isNumber) else { return false }
            return match(pieces.dropFirst(), text.dropFirst(n))
        case .anything:
            guard !text.isEmpty else { return false }
            for taken in 1...text.count where match(pieces.dropFirst(), text.dropFirst(taken)) { return true }
            return false
        }
    }
}
