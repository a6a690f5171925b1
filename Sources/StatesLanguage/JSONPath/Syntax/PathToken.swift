import JSONValue

/// One compiled step of a path, mirroring Jayway's path tokens.
indirect enum PathToken: Sendable {
    case property(String)
    /// `['a','b']`: merged into one object at the end of a path, iterated elsewhere.
    case properties([String])
    case index(Int)
    case indices([Int])
    /// Jayway ignores the step and clamps `to`; negative `from`/`to` count from the end only when alone.
    case slice(from: Int?, to: Int?)
    case wildcard
    /// `..`: applies the next token at every node below, pre-order.
    case scan
    case filter(FilterExpression)
    case function(PathFunction, [FunctionArgument])

    /// Jayway's `isTokenDefinite` (multi-property is definite only as the last token, where it merges).
    func isDefinite(isLeaf: Bool) -> Bool {
        switch self {
        case .property, .index, .function: true
        case .properties: isLeaf
        case .indices, .slice, .wildcard, .scan, .filter: false
        }
    }

    /// Jayway's `getPathFragment`, used in normalized paths and error messages.
    var fragment: String {
        switch self {
        case .property(let name): "['\(Self.escapeName(name))']"
        case .properties(let names): "[" + names.map { "'\(Self.escapeName($0))'" }.joined(separator: ",") + "]"
        case .index(let i): "[\(i)]"
        case .indices(let list): "[" + list.map(String.init).joined(separator: ",") + "]"
        case .slice(let from, let to): "[\(from.map(String.init) ?? ""):\(to.map(String.init) ?? "")]"
        case .wildcard: "[*]"
        case .scan: ".."
        case .filter: "[?]"
        case .function(let f, let args): ".\(f.rawValue)" + (args.isEmpty ? "()" : "(...)")
        }
    }

    static func escapeName(_ name: String) -> String {
        guard name.contains(where: { $0 == "\\" || $0 == "'" }) else { return name }
        var out = ""
        for c in name {
            if c == "\\" || c == "'" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

/// A function argument: a JSON literal or a path evaluated against the root document.
enum FunctionArgument: Sendable {
    case json(JSONValue)
    case path(TokenProgram)
}

/// A compiled token list plus the facts Jayway derives from it, computed once.
struct TokenProgram: Sendable {
    /// `$` or `@` as Jayway prints it (our context and variable roots print as `$$` and `$name`).
    var rootSymbol: String
    var tokens: [PathToken]
    /// Per token: all tokens before it are definite (Jayway's `isUpstreamDefinite`).
    var upstreamDefinite: [Bool]
    var tokenDefinite: [Bool]
    var isDefinite: Bool
    /// `$..x.fn()`: Jayway evaluates the function once over the whole scan (`invertScannerFunctionRelationship`).
    var invertsScanFunction: Bool
    /// Relative to the current item (`@`) rather than the document (`$`), inside filters.
    var isRelative: Bool

    init(rootSymbol: String, tokens: [PathToken], isRelative: Bool) {
        self.rootSymbol = rootSymbol
        self.tokens = tokens
        self.isRelative = isRelative
        var upstream: [Bool] = []
        var definite: [Bool] = []
        var allBefore = true
        for (i, token) in tokens.enumerated() {
            upstream.append(allBefore)
            let d = token.isDefinite(isLeaf: i == tokens.count - 1)
            definite.append(d)
            allBefore = allBefore && d
        }
        upstreamDefinite = upstream
        tokenDefinite = definite
        if case .scan? = tokens.first, case .function? = tokens.last, tokens.count > 2 {
            invertsScanFunction = true
            isDefinite = true
        } else {
            invertsScanFunction = false
            isDefinite = allBefore
        }
    }

    var normalized: String { rootSymbol + tokens.map(\.fragment).joined() }

    func fragment(from index: Int) -> String { tokens[index...].map(\.fragment).joined() }
}
