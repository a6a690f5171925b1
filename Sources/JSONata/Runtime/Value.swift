import JSONValue

/// A JSONata value during evaluation; `nil` (as `Value?`) stands for JSONata's *undefined*.
///
/// Containers are reference types because JSONata's algorithms (sequences flagged after the
/// fact, transforms editing a clone in place) rely on JavaScript's shared-array semantics.
enum Value {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array(JArray)
    case object(JObject)
    case function(JFunction)

    /// Wraps a host JSON value without copying: containers convert one level at a time on access.
    @inline(__always)
    static func wrap(_ json: JSONValue) -> Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n.doubleValue)
        case .string(let s): return .string(s)
        case .array(let a): return .array(JArray(json: a))
        case .object(let o): return .object(JObject(json: o))
        }
    }

    var isArray: Bool { if case .array = self { return true } else { return false } }
    var isFunction: Bool { if case .function = self { return true } else { return false } }
    var isString: Bool { if case .string = self { return true } else { return false } }
    var isNumber: Bool { if case .number = self { return true } else { return false } }

    var arrayValue: JArray? { if case .array(let a) = self { return a } else { return nil } }
    var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    var numberValue: Double? { if case .number(let n) = self { return n } else { return nil } }

    /// JSONata's "sequence" flag: arrays produced by path evaluation rather than written by the user.
    var isSequence: Bool { if case .array(let a) = self { return a.isSequence } else { return false } }

    /// The `typeof`-style name JSONata's comparison rules work with.
    var jsType: String {
        switch self {
        case .null, .array, .object: return "object"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .function: return "function"
        }
    }
}

/// An array or sequence, with the flags jsonata-js attaches to JavaScript arrays.
///
/// Containers never leave the evaluating thread and no accessor of theirs reenters another, so
/// the runtime's dynamic exclusivity checks (a measurable share of evaluation) are switched off.
final class JArray {
    @exclusivity(unchecked) private var storage: [Value]
    @exclusivity(unchecked) private var source: [JSONValue]?
    /// Wrappers of `source`'s elements made one at a time (`element(at:)`). Once it exists the
    /// array counts as converted, exactly as if `items` had been read: each element has one
    /// wrapper, made when first needed rather than all at once.
    @exclusivity(unchecked) private var converted: [Value?]?
    @exclusivity(unchecked) var isSequence = false
    @exclusivity(unchecked) var keepSingleton = false
    @exclusivity(unchecked) var cons = false
    @exclusivity(unchecked) var outerWrapper = false
    @exclusivity(unchecked) var tupleStream = false

    init(_ items: [Value] = [], sequence: Bool = false) {
        storage = items
        isSequence = sequence
    }

    init(json: [JSONValue]) {
        storage = []
        source = json
    }

    static func sequence(_ item: Value) -> JArray {
        JArray([item], sequence: true)
    }

    var items: [Value] {
        get {
            if let source { materialize(source) }
            return storage
        }
        set {
            source = nil
            converted = nil
            storage = newValue
        }
    }

    private func materialize(_ json: [JSONValue]) {
        if let converted {
            var out: [Value] = []
            out.reserveCapacity(json.count)
            for i in json.indices { out.append(converted[i] ?? Value.wrap(json[i])) }
            storage = out
        } else {
            storage = json.map(Value.wrap)
        }
        source = nil
        converted = nil
    }

    var count: Int { source?.count ?? storage.count }
    var isEmpty: Bool { count == 0 }

    subscript(i: Int) -> Value {
        if let source {
            if converted != nil { return element(at: i) }
            return Value.wrap(source[i])
        }
        return storage[i]
    }

    /// Element `i` as `items[i]` would give it, converting only that element.
    func element(at i: Int) -> Value {
        guard let source else { return storage[i] }
        if converted == nil { converted = [Value?](repeating: nil, count: source.count) }
        if let v = converted![i] { return v }
        let v = Value.wrap(source[i])
        converted![i] = v
        return v
    }

    func append(_ v: Value) {
        if let source { materialize(source) }
        storage.append(v)
    }

    func append(contentsOf vs: [Value]) {
        if let source { materialize(source) }
        storage.append(contentsOf: vs)
    }

    /// The host JSON this array wraps, when it is unchanged input not yet converted.
    var jsonSource: [JSONValue]? { converted == nil ? source : nil }
}

/// An object with insertion-ordered keys.
///
/// Members live in one array searched linearly, with a key index only past a dozen members:
/// the objects expressions build are mostly small, and hashing every key cost more than it saved.
final class JObject {
    @exclusivity(unchecked) private var json: JSONObject?
    @exclusivity(unchecked) private var entries: [Member] = []

    /// A struct rather than a tuple: arrays of tuples are destroyed through generic tuple metadata.
    private struct Member {
        var key: String
        var value: Value
    }
    @exclusivity(unchecked) private var index: [String: Int]?

    private static let indexThreshold = 12

    init() {}

    init(capacity: Int) { entries.reserveCapacity(capacity) }

    init(json: JSONObject) { self.json = json }

    private func materialize() {
        guard let j = json else { return }
        json = nil
        entries.reserveCapacity(j.count)
        for i in 0..<j.count {
            let (k, v) = j.member(at: i)
            set(k, Value.wrap(v))
        }
    }

    @inline(__always)
    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in entries.indices where entries[i].key == key { return i }
        return nil
    }

    private func set(_ key: String, _ value: Value) {
        if let i = position(of: key) {
            entries[i].value = value
            return
        }
        entries.append(Member(key: key, value: value))
        if index != nil {
            index![key] = entries.count - 1
        } else if entries.count > JObject.indexThreshold {
            rebuildIndex()
        }
    }

    /// Adds a member whose key is known to be absent (the caller's keys are distinct).
    func appendNew(_ key: String, _ value: Value) {
        materialize()
        entries.append(Member(key: key, value: value))
        if index != nil {
            index![key] = entries.count - 1
        } else if entries.count > JObject.indexThreshold {
            rebuildIndex()
        }
    }

    private func rebuildIndex() {
        var built = [String: Int](minimumCapacity: entries.count * 2)
        for (i, e) in entries.enumerated() { built[e.key] = i }
        index = built
    }

    var keys: [String] { entries.map(\.key) }
    var orderedKeys: [String] { json?.keys ?? keys }
    var count: Int { json?.count ?? entries.count }
    var isEmpty: Bool { count == 0 }

    subscript(key: String) -> Value? {
        get {
            if let json { return JObject.field(json, key) }
            return position(of: key).map { entries[$0].value }
        }
        set {
            materialize()
            if let newValue {
                set(key, newValue)
            } else if let i = position(of: key) {
                entries.remove(at: i)
                if index != nil { rebuildIndex() }
            }
        }
    }

    /// `json[key]`, wrapped. JSONObject searches up to a dozen members linearly (first match) and
    /// indexes only larger ones; doing the small case here through its inlinable accessors avoids
    /// a cross-module call and an optional JSONValue per field access.
    @inline(__always)
    static func field(_ json: JSONObject, _ key: String) -> Value? {
        if json.count <= 12 {
            return json.members.withUnsafeBufferPointer { members -> Value? in
                // Lengths first: most keys differ in length, and that test needs no string compare.
                let length = key.utf8.count
                for m in members where m.key.utf8.count == length && m.key == key { return Value.wrap(m.value) }
                return nil
            }
        }
        return json[key].map(Value.wrap)
    }

    /// `json[key]` unconverted, searched as `field` searches it.
    @inline(__always)
    static func rawField(_ json: JSONObject, _ key: String) -> JSONValue? {
        if json.count <= 12 {
            return json.members.withUnsafeBufferPointer { members -> JSONValue? in
                let length = key.utf8.count
                for m in members where m.key.utf8.count == length && m.key == key { return m.value }
                return nil
            }
        }
        return json[key]
    }

    /// Calls `body` on each member in insertion order without building a member array.
    func forEachMember(_ body: (String, Value) -> Void) {
        if let json {
            for i in 0..<json.count {
                let (k, v) = json.member(at: i)
                body(k, Value.wrap(v))
            }
        } else {
            for e in entries { body(e.key, e.value) }
        }
    }

    /// Members in insertion order.
    var members: [(String, Value)] {
        if let json { return json.members.map { ($0.key, Value.wrap($0.value)) } }
        return entries.map { ($0.key, $0.value) }
    }

    var jsonSource: JSONObject? { json }
}

/// A callable value: a lambda, a built-in, a host function, a regex matcher or a partial application.
final class JFunction {
    enum Kind {
        case lambda(Lambda)
        case builtin(Builtin)
        case native(JSONataNativeFunction, Signature?)
        case regex(RegexMatcher)
        /// A built-in with some arguments fixed by `?` partial application.
        case partial(JFunction, [Value?], placeholders: [Int])
        /// The `next()` of a regex match: resumes scanning where the previous match ended.
        case matchNext(RegexMatcher, String, Int)
        /// The function a transform expression `|pattern|update,delete|` stands for.
        case transform(Node, Frame)
        /// `f ~> g` on two functions: applies f, then g.
        case chain(JFunction, JFunction)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// How many arguments the function declares (hofs pass index and array only when it takes them).
    var arity: Int {
        switch kind {
        case .lambda(let l): return l.params.count
        case .builtin(let b): return b.arity
        case .native(_, let sig): return sig?.params.count ?? 1
        case .regex: return 1
        case .partial(_, _, let p): return p.count
        case .matchNext: return 0
        case .transform, .chain: return 1
        }
    }

    var signature: Signature? {
        switch kind {
        case .lambda(let l): return l.signature
        case .builtin(let b): return b.signature
        case .native(_, let s): return s
        case .transform: return Signature.transform
        default: return nil
        }
    }
}

/// A user function closed over its defining environment.
final class Lambda {
    let node: Node
    let params: [String]
    let input: Value?
    let env: Frame
    let signature: Signature?
    let isThunk: Bool
    /// No parameter name repeats, so a call's frame can take the arguments as they come.
    let distinctParams: Bool

    init(node: Node, params: [String], input: Value?, env: Frame, signature: Signature?, isThunk: Bool) {
        self.node = node
        self.params = params
        self.input = input
        self.env = env
        self.signature = signature
        self.isThunk = isThunk
        distinctParams = params.indices.allSatisfy { i in !params[..<i].contains(params[i]) }
    }
}

/// A variable scope; small scopes are searched linearly, which beats hashing for a few names.
final class Frame {
    @exclusivity(unchecked) private var names: [String] = []
    @exclusivity(unchecked) private var values: [Value?] = []
    let parent: Frame?
    /// Only the root frame has one, so the frames of blocks and calls carry a single empty field.
    private let hostScope: HostScope?

    /// The host's bindings, consulted below every frame (converted per lookup, never in bulk).
    private final class HostScope {
        let bindings: [String: JSONataBinding]
        @exclusivity(unchecked) var functions: [String: Value] = [:]
        init(_ bindings: [String: JSONataBinding]) { self.bindings = bindings }
    }

    init(parent: Frame?, host: [String: JSONataBinding]? = nil) {
        self.parent = parent
        self.hostScope = host.map(HostScope.init)
    }

    /// A frame binding distinct `names` to `values` (same count): a lambda call's parameters,
    /// taken without binding them one by one.
    init(parent: Frame, names: [String], values: [Value?]) {
        self.parent = parent
        self.hostScope = nil
        self.names = names
        self.values = values
    }

    func bind(_ name: String, _ value: Value?) {
        if let i = names.firstIndex(of: name) {
            values[i] = value
        } else {
            names.append(name)
            values.append(value)
        }
    }

    /// What `lookup` finds for `name`, with a host value left unconverted (`.json`) so a path
    /// can look into it without wrapping every object on the way.
    enum Resolved {
        case json(JSONValue)
        case value(Value?)
    }

    func resolve(_ name: String) -> Resolved {
        var frame: Frame? = self
        while let f = frame {
            if let i = f.names.firstIndex(of: name) { return .value(f.values[i]) }
            if let host = f.hostScope, let b = host.bindings[name] {
                if case .value(let v) = b { return .json(v) }
                return .value(lookup(name) ?? nil)
            }
            frame = f.parent
        }
        if let builtin = Functions.table[name] { return .value(.function(JFunction(.builtin(builtin)))) }
        return .value(nil)
    }

    /// The binding of `name`: `.some(nil)` is a name bound to undefined, `nil` an unbound name.
    func lookup(_ name: String) -> Value?? {
        var frame: Frame? = self
        while let f = frame {
            if let i = f.names.firstIndex(of: name) { return .some(f.values[i]) }
            if let host = f.hostScope, let b = host.bindings[name] {
                switch b {
                case .value(let v): return .some(Value.wrap(v))
                case .function(let nf):
                    if let cached = host.functions[name] { return .some(cached) }
                    // Parsed on first use only: most expressions call none of the host's functions.
                    let fn = Value.function(JFunction(.native(nf, nf.signature.flatMap { try? Signature(parsing: $0) })))
                    host.functions[name] = fn
                    return .some(fn)
                }
            }
            frame = f.parent
        }
        if let builtin = Functions.table[name] { return .some(.function(JFunction(.builtin(builtin)))) }
        return nil
    }
}
