import JSONValue

/// Compares an expected value recorded from AWS (with LocalStack's snapshot placeholders) with an
/// actual one, following the rules of `../shared/conformance/README.md` and its `run.py`.
package final class ConformanceMatcher {
    package struct Mismatch: Error, CustomStringConvertible {
        package var description: String
    }

    static let iso = #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})"#
    package static let roleArn = "arn:aws:iam::123456789012:role/test"

    private var bound: [String: String] = [:]
    private var fixed: [String: String]
    private let tokenRegex: Regex<AnyRegexOutput>
    private let referenceToken = try! Regex(#"<[^<>:\s]+:\d+>"#)

    package init(wildcards: [String] = [], stateMachineName: String? = nil, executionName: String? = nil) {
        var fixed: [String: String] = [
            "<partition>": "aws[a-z-]*", "<region>": #"[a-z]{2}(?:-[a-z]+)+-\d+"#, "111111111111": #"\d{12}"#,
            "date": "(?:date|\(Self.iso))",
        ]
        fixed["snf_role_arn"] = Self.escape(Self.roleArn)
        fixed["sfn_role_arn"] = Self.escape(Self.roleArn)
        if let stateMachineName { fixed["<ArnPart_0idx>"] = Self.escape(stateMachineName) }
        if let executionName { fixed["<ExecArnPart_0idx>"] = Self.escape(executionName) }
        self.fixed = fixed
        let words = Set(wildcards).subtracting(fixed.keys).sorted { $0.count > $1.count }
        var alternatives = fixed.keys.sorted { $0.count > $1.count }.map(Self.escape)
        alternatives += words.map(Self.escape)
        alternatives.append(#"<[^<>"\s]{1,80}>"#)
        tokenRegex = try! Regex(alternatives.joined(separator: "|"))
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "\\^$.|?*+()[]{}-/#&~ ".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    func hasToken(_ s: String) -> Bool { s.contains(tokenRegex) }

    func matchString(_ expected: String, _ actual: String) -> Bool {
        if expected == actual { return true }
        var pattern = "(?s)"
        var groups: [String: String] = [:]
        var position = expected.startIndex
        for match in expected.matches(of: tokenRegex) {
            pattern += Self.escape(String(expected[position..<match.range.lowerBound]))
            let token = String(expected[match.range])
            if let f = fixed[token] {
                pattern += f
            } else if token.wholeMatch(of: referenceToken) != nil {
                if let value = bound[token] {
                    pattern += Self.escape(value)
                } else if let g = groups[token] {
                    pattern += "\\k<\(g)>"
                } else {
                    let g = "g\(groups.count)"
                    groups[token] = g
                    pattern += "(?<\(g)>.+?)"
                }
            } else {
                pattern += ".+?"
            }
            position = match.range.upperBound
        }
        pattern += Self.escape(String(expected[position...]))
        guard let regex = try? Regex(pattern), let m = actual.wholeMatch(of: regex) else { return false }
        for (token, g) in groups {
            if let sub = m.output[g]?.substring { bound[token] = String(sub) }
        }
        return true
    }

    package func compare(_ expected: JSONValue, _ actual: JSONValue, at path: String = "$") throws(Mismatch) {
        if case .string(let e) = expected, e == "timestamp" || e == "datetime" {
            switch actual {
            case .object, .array: break
            default: return
            }
        }
        switch (expected, actual) {
        case (.bool(let a), .bool(let b)) where a == b: return
        case (.object(let e), .object(let a)):
            guard Set(e.keys) == Set(a.keys) else {
                let missing = Set(e.keys).subtracting(a.keys).sorted()
                let extra = Set(a.keys).subtracting(e.keys).sorted()
                throw Mismatch(description: "\(path): keys differ (missing \(missing), unexpected \(extra))")
            }
            for (k, v) in e.members { try compare(v, a[k]!, at: "\(path).\(k)") }
            return
        case (.array(let e), .array(let a)) where e.count == a.count:
            for (i, pair) in zip(e, a).enumerated() { try compare(pair.0, pair.1, at: "\(path)[\(i)]") }
            return
        case (.string(let e), _):
            var ok = false
            if case .string(let a) = actual { ok = matchString(e, a) }
            switch actual {
            case .number, .null: if !ok && hasToken(e) { ok = matchString(e, actual.serialized()) }
            default: break
            }
            if ok { return }
        case (.number(let e), .number(let a)) where e == a: return
        case (.null, .null): return
        default: break
        }
        throw Mismatch(description: "\(path): expected \(Self.short(expected)), got \(Self.short(actual))")
    }

    static func short(_ v: JSONValue) -> String {
        let s = v.serialized()
        return s.count <= 160 ? s : String(s.prefix(160)) + "..."
    }
}
