/// The Pratt parser of jsonata-js's parser.js, followed by its AST post-processing.
struct Parser {
    private var lexer: Lexer
    private var node: Node
    private let sourceLength: Int
    private var ancestorLabel = 0
    private var ancestorIndex = 0
    private var ancestry: [Node] = []

    static func parse(_ source: String) throws(Failure) -> Node {
        // Long sources may nest deeply; parse those where the stack cannot run out.
        if source.utf8.count > 512 {
            return try LargeStack.run(stackSize: 256 << 20) { () throws(Failure) in try parseHere(source) }
        }
        return try parseHere(source)
    }

    private static func parseHere(_ source: String) throws(Failure) -> Node {
        var parser = Parser(source)
        try parser.advance()
        let expr = try parser.expression(0)
        if parser.node.kind != .end {
            throw Failure("S0201", position: parser.node.position, token: parser.node.value)
        }
        let result = try parser.processAST(expr)
        if result.kind == .parent || result.seekingParent != nil {
            throw Failure("S0217", position: result.position, token: result.kind == .parent ? "parent" : "path")
        }
        return result
    }

    private init(_ source: String) {
        lexer = Lexer(source)
        sourceLength = lexer.chars.count
        node = Node(.end, "(end)", position: 0)
    }

    // MARK: - Pratt machinery

    private static func id(of n: Node) -> String {
        switch n.kind {
        case .op: return n.value
        case .name, .variable: return "(name)"
        case .string, .number, .value: return "(literal)"
        case .regex: return "(regex)"
        case .end: return "(end)"
        default: return n.value
        }
    }

    private static let infixPower: [String: Int] = [
        ".": 75, "[": 80, "{": 70, "(": 80, "@": 80, "#": 80, "?": 20, "+": 50, "-": 50, "*": 60, "/": 60,
        "%": 60, "=": 40, "<": 40, ">": 40, "!=": 40, "<=": 40, ">=": 40, "&": 50, "and": 30, "or": 25,
        "in": 40, "~>": 40, ":=": 10, "^": 40,
    ]
    private static let knownSymbols: Set<String> = [
        ":", ";", ",", ")", "]", "}", "..", ".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=",
        "&", "and", "or", "in", "~>", "**", "(", "[", "^", "{", ":=", "@", "#", "?", "|",
    ]

    private func lbp(_ n: Node) -> Int {
        n.kind == .op ? (Parser.infixPower[n.value] ?? 0) : 0
    }

    @discardableResult
    private mutating func advance(_ id: String? = nil, infix: Bool = false) throws(Failure) -> Node {
        if let id, Parser.id(of: node) != id {
            var err = Failure(node.kind == .end ? "S0203" : "S0202", position: node.position, token: node.value)
            err.value = .string(id)
            err.hasValue = true
            throw err
        }
        guard let token = try lexer.next(prefix: infix) else {
            node = Node(.end, "(end)", position: sourceLength)
            return node
        }
        let n: Node
        switch token.kind {
        case .name: n = Node(.name, token.text, position: token.position)
        case .variable: n = Node(.variable, token.text, position: token.position)
        case .op:
            guard Parser.knownSymbols.contains(token.text) else {
                throw Failure("S0204", position: token.position, token: token.text)
            }
            n = Node(.op, token.text, position: token.position)
        case .string: n = Node(.string, token.text, position: token.position)
        case .number:
            n = Node(.number, token.text, position: token.position)
            n.number = token.number
        case .value:
            n = Node(.value, token.text, position: token.position)
            n.literal = token.literal
        case .regex:
            n = Node(.regex, token.text, position: token.position)
            n.regex = token.regex
        }
        node = n
        return n
    }

    /// Nesting beyond this is refused rather than risking the caller's (possibly small) stack.
    private static let maxNesting = 1_000
    private var nesting = 0

    private mutating func expression(_ rbp: Int) throws(Failure) -> Node {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maxNesting { throw Failure("U1001", position: node.position) }
        var t = node
        try advance(infix: true)
        var left = try nud(t)
        var chained = 0
        while rbp < lbp(node) {
            // A long operator chain nests its tree as deeply as brackets would.
            chained += 1
            if chained > Parser.maxNesting { throw Failure("U1001", position: node.position) }
            t = node
            try advance()
            left = try led(t, left)
        }
        return left
    }

    private mutating func nud(_ t: Node) throws(Failure) -> Node {
        switch t.kind {
        case .name, .variable, .string, .number, .value, .regex, .end: return t
        case .op: break
        default: return t
        }
        switch t.value {
        case "and", "or", "in": return t
        case "-":
            t.expression = try expression(70)
            t.kind = .unary
            return t
        case "*": t.kind = .wildcard; return t
        case "**": t.kind = .descendant; return t
        case "%": t.kind = .parent; return t
        case "(":
            var expressions: [Node] = []
            while Parser.id(of: node) != ")" {
                expressions.append(try expression(0))
                if Parser.id(of: node) != ";" { break }
                try advance(";")
            }
            try advance(")", infix: true)
            t.kind = .block
            t.expressions = expressions
            return t
        case "[":
            var items: [Node] = []
            if Parser.id(of: node) != "]" {
                while true {
                    var item = try expression(0)
                    if Parser.id(of: node) == ".." {
                        let range = Node(.binary, "..", position: node.position)
                        range.lhs = item
                        try advance("..")
                        range.rhs = try expression(0)
                        item = range
                    }
                    items.append(item)
                    if Parser.id(of: node) != "," { break }
                    try advance(",")
                }
            }
            try advance("]", infix: true)
            t.expressions = items
            t.kind = .unary
            return t
        case "{":
            t.pairs = try objectPairs()
            t.kind = .unary
            return t
        case "|":
            t.kind = .transform
            t.pattern = try expression(0)
            try advance("|")
            t.update = try expression(0)
            if Parser.id(of: node) == "," {
                try advance(",")
                t.delete = try expression(0)
            }
            try advance("|")
            return t
        default:
            throw Failure("S0211", position: t.position, token: t.value)
        }
    }

    private mutating func objectPairs() throws(Failure) -> [(Node, Node)] {
        var pairs: [(Node, Node)] = []
        if Parser.id(of: node) != "}" {
            while true {
                let n = try expression(0)
                try advance(":")
                let v = try expression(0)
                pairs.append((n, v))
                if Parser.id(of: node) != "," { break }
                try advance(",")
            }
        }
        try advance("}", infix: true)
        return pairs
    }

    private mutating func led(_ t: Node, _ left: Node) throws(Failure) -> Node {
        switch t.value {
        case "(":
            t.procedure = left
            t.kind = .function
            if Parser.id(of: node) != ")" {
                while true {
                    if node.kind == .op && node.value == "?" {
                        t.kind = .partial
                        t.arguments.append(node)
                        try advance("?")
                    } else {
                        t.arguments.append(try expression(0))
                    }
                    if Parser.id(of: node) != "," { break }
                    try advance(",")
                }
            }
            try advance(")", infix: true)
            if left.kind == .name && (left.value == "function" || left.value == "\u{03BB}") {
                for (index, arg) in t.arguments.enumerated() where arg.kind != .variable {
                    var err = Failure("S0208", position: arg.position, token: arg.value)
                    err.value = .number(Double(index + 1))
                    err.hasValue = true
                    throw err
                }
                t.kind = .lambda
                if Parser.id(of: node) == "<" {
                    let sigPos = node.position
                    var depth = 1
                    var sig = "<"
                    while depth > 0 && Parser.id(of: node) != "{" && node.kind != .end {
                        let tok = try advance()
                        if Parser.id(of: tok) == ">" {
                            depth -= 1
                        } else if Parser.id(of: tok) == "<" {
                            depth += 1
                        }
                        sig += tok.value
                    }
                    try advance(">")
                    do {
                        t.signature = try Signature(parsing: sig)
                    } catch {
                        var e = error
                        e.position = sigPos + (e.position ?? 0)
                        throw e
                    }
                }
                try advance("{")
                t.body = try expression(0)
                try advance("}")
            }
            return t
        case "[":
            if Parser.id(of: node) == "]" {
                var step: Node? = left
                while let s = step, s.kind == .binary, s.value == "[" { step = s.lhs }
                step?.keepArray = true
                try advance("]")
                return left
            }
            t.lhs = left
            t.rhs = try expression(0)
            t.kind = .binary
            try advance("]", infix: true)
            return t
        case "^":
            try advance("(")
            var terms: [(Bool, Node)] = []
            while true {
                var descending = false
                if Parser.id(of: node) == "<" {
                    try advance("<")
                } else if Parser.id(of: node) == ">" {
                    descending = true
                    try advance(">")
                }
                terms.append((descending, try expression(0)))
                if Parser.id(of: node) != "," { break }
                try advance(",")
            }
            try advance(")")
            t.lhs = left
            t.terms = terms.map { (descending: $0.0, expression: $0.1) }
            t.kind = .binary
            return t
        case "{":
            t.lhs = left
            t.pairs = try objectPairs()
            t.kind = .binary
            return t
        case ":=":
            if left.kind != .variable { throw Failure("S0212", position: left.position, token: left.value) }
            t.lhs = left
            t.rhs = try expression(Parser.infixPower[":="]! - 1)
            t.kind = .binary
            return t
        case "@", "#":
            t.lhs = left
            t.rhs = try expression(Parser.infixPower[t.value]!)
            if t.rhs!.kind != .variable { throw Failure("S0214", position: t.rhs!.position, token: t.value) }
            t.kind = .binary
            return t
        case "?":
            t.kind = .condition
            t.condition = left
            t.then = try expression(0)
            if Parser.id(of: node) == ":" {
                try advance(":")
                t.otherwise = try expression(0)
            }
            return t
        default:
            t.lhs = left
            t.rhs = try expression(Parser.infixPower[t.value] ?? 0)
            t.kind = .binary
            return t
        }
    }

    // MARK: - AST post-processing

    private func tailCallOptimize(_ expr: Node) -> Node {
        if expr.kind == .function && expr.predicate == nil {
            let thunk = Node(.lambda, position: expr.position)
            thunk.thunk = true
            thunk.body = expr
            return thunk
        } else if expr.kind == .condition {
            expr.then = tailCallOptimize(expr.then!)
            if let e = expr.otherwise { expr.otherwise = tailCallOptimize(e) }
        } else if expr.kind == .block, let last = expr.expressions.last {
            expr.expressions[expr.expressions.count - 1] = tailCallOptimize(last)
        }
        return expr
    }

    private mutating func seekParent(_ node: Node, _ slot: Slot) throws(Failure) -> Slot {
        var slot = slot
        switch node.kind {
        case .name, .wildcard:
            slot.level -= 1
            if slot.level == 0 {
                if let existing = node.ancestor {
                    ancestry[slot.index].slot!.label = existing.label
                    node.ancestor = slot
                } else {
                    node.ancestor = slot
                }
                node.tuple = true
            }
        case .parent:
            slot.level += 1
        case .block:
            if let last = node.expressions.last {
                node.tuple = true
                slot = try seekParent(last, slot)
            }
        case .path:
            node.tuple = true
            var index = node.steps.count - 1
            slot = try seekParent(node.steps[index], slot)
            index -= 1
            while slot.level > 0 && index >= 0 {
                slot = try seekParent(node.steps[index], slot)
                index -= 1
            }
        default:
            throw Failure("S0217", position: node.position, token: Parser.kindName(node))
        }
        return slot
    }

    private static func kindName(_ n: Node) -> String {
        switch n.kind {
        case .binary: return "binary"
        case .unary: return "unary"
        case .function: return "function"
        case .variable: return "variable"
        case .string: return "string"
        case .number: return "number"
        case .value: return "value"
        case .condition: return "condition"
        case .lambda: return "lambda"
        case .apply: return "apply"
        case .bind: return "bind"
        case .descendant: return "descendant"
        case .regex: return "regex"
        case .sort: return "sort"
        case .transform: return "transform"
        case .partial: return "partial"
        default: return "\(n.kind)"
        }
    }

    private func pushAncestry(_ result: Node, _ value: Node) {
        if value.seekingParent != nil || value.kind == .parent {
            var slots = value.seekingParent ?? []
            if value.kind == .parent { slots.append(value.slot!) }
            if result.seekingParent == nil {
                result.seekingParent = slots
            } else {
                result.seekingParent!.append(contentsOf: slots)
            }
        }
    }

    private mutating func resolveAncestry(_ path: Node) throws(Failure) {
        var index = path.steps.count - 1
        let laststep = path.steps[index]
        var slots = laststep.seekingParent ?? []
        if laststep.kind == .parent { slots.append(laststep.slot!) }
        for var slot in slots {
            index = path.steps.count - 2
            while slot.level > 0 {
                if index < 0 {
                    if path.seekingParent == nil {
                        path.seekingParent = [slot]
                    } else {
                        path.seekingParent!.append(slot)
                    }
                    break
                }
                var step = path.steps[index]
                index -= 1
                while index >= 0 && step.focus != nil && path.steps[index].focus != nil {
                    step = path.steps[index]
                    index -= 1
                }
                slot = try seekParent(step, slot)
            }
        }
    }

    private mutating func processAST(_ expr: Node) throws(Failure) -> Node {
        // Left-associative chains (`a+b+c...`) nest without parser recursion, so guard here too.
        nesting += 1
        defer { nesting -= 1 }
        if nesting > 2 * Parser.maxNesting { throw Failure("U1001", position: expr.position) }
        var result: Node
        switch expr.kind {
        case .binary:
            switch expr.value {
            case ".":
                let lstep = try processAST(expr.lhs!)
                if lstep.kind == .path {
                    result = lstep
                } else {
                    result = Node(.path, position: lstep.position)
                    result.steps = [lstep]
                }
                if lstep.kind == .parent { result.seekingParent = [lstep.slot!] }
                let rest = try processAST(expr.rhs!)
                if rest.kind == .path {
                    result.steps.append(contentsOf: rest.steps)
                } else {
                    if let p = rest.predicate {
                        rest.stages = p
                        rest.predicate = nil
                    }
                    result.steps.append(rest)
                }
                for step in result.steps {
                    if step.kind == .number || step.kind == .value {
                        var err = Failure("S0213", position: step.position)
                        err.value = step.kind == .number ? .number(step.number) : step.literal
                        err.hasValue = true
                        throw err
                    }
                    if step.kind == .string { step.kind = .name }
                }
                if result.steps.contains(where: { $0.keepArray }) { result.keepSingletonArray = true }
                let first = result.steps[0]
                if first.kind == .unary && first.value == "[" { first.consarray = true }
                let last = result.steps[result.steps.count - 1]
                if last.kind == .unary && last.value == "[" { last.consarray = true }
                try resolveAncestry(result)
            case "[":
                result = try processAST(expr.lhs!)
                var step = result
                var useStages = false
                if result.kind == .path {
                    step = result.steps[result.steps.count - 1]
                    useStages = true
                }
                if step.group != nil { throw Failure("S0209", position: expr.position) }
                let predicate = try processAST(expr.rhs!)
                if let seeking = predicate.seekingParent {
                    for slot in seeking {
                        if slot.level == 1 {
                            _ = try seekParent(step, slot)
                        } else {
                            slot.level -= 1
                        }
                    }
                    pushAncestry(step, predicate)
                }
                let filter = Node(.filter, position: expr.position)
                filter.expression = predicate
                if useStages {
                    step.stages = (step.stages ?? []) + [filter]
                } else {
                    step.predicate = (step.predicate ?? []) + [filter]
                }
            case "{":
                result = try processAST(expr.lhs!)
                if result.group != nil { throw Failure("S0210", position: expr.position) }
                var pairs: [(Node, Node)] = []
                for (k, v) in expr.pairs { pairs.append((try processAST(k), try processAST(v))) }
                result.group = Node.Group(pairs: pairs, position: expr.position)
            case "^":
                result = try processAST(expr.lhs!)
                if result.kind != .path {
                    let p = Node(.path, position: result.position)
                    p.steps = [result]
                    result = p
                }
                let sortStep = Node(.sort, position: expr.position)
                for term in expr.terms {
                    let e = try processAST(term.expression)
                    pushAncestry(sortStep, e)
                    sortStep.terms.append((descending: term.descending, expression: e))
                }
                result.steps.append(sortStep)
                try resolveAncestry(result)
            case ":=":
                result = Node(.bind, expr.value, position: expr.position)
                result.lhs = try processAST(expr.lhs!)
                result.rhs = try processAST(expr.rhs!)
                pushAncestry(result, result.rhs!)
            case "@":
                result = try processAST(expr.lhs!)
                var step = result
                if result.kind == .path { step = result.steps[result.steps.count - 1] }
                if step.stages != nil || step.predicate != nil { throw Failure("S0215", position: expr.position) }
                if step.kind == .sort { throw Failure("S0216", position: expr.position) }
                if expr.keepArray { step.keepArray = true }
                step.focus = expr.rhs!.value
                step.tuple = true
            case "#":
                result = try processAST(expr.lhs!)
                var step = result
                if result.kind == .path {
                    step = result.steps[result.steps.count - 1]
                } else {
                    let p = Node(.path, position: result.position)
                    p.steps = [result]
                    result = p
                    if let pred = step.predicate {
                        step.stages = pred
                        step.predicate = nil
                    }
                }
                if step.stages == nil {
                    step.indexVar = expr.rhs!.value
                } else {
                    let stage = Node(.index, expr.rhs!.value, position: expr.position)
                    step.stages!.append(stage)
                }
                step.tuple = true
            case "~>":
                result = Node(.apply, expr.value, position: expr.position)
                result.lhs = try processAST(expr.lhs!)
                result.rhs = try processAST(expr.rhs!)
                result.keepArray = result.lhs!.keepArray || result.rhs!.keepArray
            default:
                result = Node(.binary, expr.value, position: expr.position)
                result.lhs = try processAST(expr.lhs!)
                result.rhs = try processAST(expr.rhs!)
                pushAncestry(result, result.lhs!)
                pushAncestry(result, result.rhs!)
            }
        case .unary:
            result = Node(.unary, expr.value, position: expr.position)
            if expr.value == "[" {
                for item in expr.expressions {
                    let v = try processAST(item)
                    pushAncestry(result, v)
                    result.expressions.append(v)
                }
            } else if expr.value == "{" {
                for (k, v) in expr.pairs {
                    let key = try processAST(k)
                    pushAncestry(result, key)
                    let value = try processAST(v)
                    pushAncestry(result, value)
                    result.pairs.append((key, value))
                }
            } else {
                let e = try processAST(expr.expression!)
                result.expression = e
                if expr.value == "-" && e.kind == .number {
                    result = e
                    result.number = -result.number
                } else {
                    pushAncestry(result, e)
                }
            }
        case .function, .partial:
            result = Node(expr.kind, expr.value, position: expr.position)
            for arg in expr.arguments {
                let a = try processAST(arg)
                pushAncestry(result, a)
                result.arguments.append(a)
            }
            result.procedure = try processAST(expr.procedure!)
        case .lambda:
            result = Node(.lambda, position: expr.position)
            result.arguments = expr.arguments
            result.signature = expr.signature
            let body = try processAST(expr.body!)
            result.body = tailCallOptimize(body)
        case .condition:
            result = Node(.condition, position: expr.position)
            result.condition = try processAST(expr.condition!)
            pushAncestry(result, result.condition!)
            result.then = try processAST(expr.then!)
            pushAncestry(result, result.then!)
            if let e = expr.otherwise {
                result.otherwise = try processAST(e)
                pushAncestry(result, result.otherwise!)
            }
        case .transform:
            result = Node(.transform, position: expr.position)
            result.pattern = try processAST(expr.pattern!)
            result.update = try processAST(expr.update!)
            if let d = expr.delete { result.delete = try processAST(d) }
        case .block:
            result = Node(.block, position: expr.position)
            for item in expr.expressions {
                let part = try processAST(item)
                pushAncestry(result, part)
                if part.consarray || (part.kind == .path && part.steps[0].consarray) { result.consarray = true }
                result.expressions.append(part)
            }
        case .name:
            result = Node(.path, position: expr.position)
            result.steps = [expr]
            if expr.keepArray { result.keepSingletonArray = true }
        case .parent:
            result = Node(.parent, position: expr.position)
            result.slot = Slot(label: "!\(ancestorLabel)", level: 1, index: ancestorIndex)
            ancestorLabel += 1
            ancestorIndex += 1
            ancestry.append(result)
        case .string, .number, .value, .wildcard, .descendant, .variable, .regex:
            result = expr
        case .op:
            if expr.value == "and" || expr.value == "or" || expr.value == "in" {
                expr.kind = .name
                result = try processAST(expr)
            } else if expr.value == "?" {
                result = expr
            } else {
                throw Failure("S0201", position: expr.position, token: expr.value)
            }
        case .end:
            throw Failure("S0207", position: expr.position, token: expr.value)
        default:
            throw Failure("S0206", position: expr.position, token: expr.value)
        }
        if expr.keepArray { result.keepArray = true }
        return result
    }
}
