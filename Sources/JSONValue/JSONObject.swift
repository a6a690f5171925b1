/// A JSON object that keeps its members in insertion order.
///
/// Members live in one array (one allocation per object); small objects, the common case in
/// state payloads, are searched linearly and large ones carry a key index so lookups stay O(1).
public struct JSONObject: Sendable {
    public typealias Member = (key: String, value: JSONValue)

    @usableFromInline var storage: [Member]
    private var index: [String: Int]?

    private static let indexThreshold = 12

    public init() {
        storage = []
    }

    /// Builds an object from members in order; a repeated key keeps its first position and last value.
    public init<S: Sequence>(_ members: S) where S.Element == (String, JSONValue) {
        self.init()
        for (k, v) in members { self[k] = v }
    }

    public init(minimumCapacity: Int) {
        storage = []
        storage.reserveCapacity(minimumCapacity)
    }

    @inlinable public var count: Int { storage.count }
    @inlinable public var isEmpty: Bool { storage.isEmpty }

    /// The members in order.
    @inlinable public var members: [Member] { storage }
    /// The keys in order.
    public var keys: [String] { storage.map(\.key) }
    /// The values in order.
    public var values: [JSONValue] { storage.map(\.value) }

    /// The value at a position.
    @inlinable public func value(at i: Int) -> JSONValue { storage[i].value }

    /// The key at a position.
    @inlinable public func key(at i: Int) -> String { storage[i].key }

    /// The key and value at a position.
    @inlinable public func member(at i: Int) -> Member { storage[i] }

    @inlinable public func contains(_ key: String) -> Bool { position(of: key) != nil }

    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in storage.indices where storage[i].key == key { return i }
        return nil
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { storage[$0].value } }
        set {
            if let i = position(of: key) {
                if let newValue {
                    storage[i].value = newValue
                } else {
                    removeMember(at: i)
                }
            } else if let newValue {
                append(key, newValue)
            }
        }
    }

    /// Replaces the value at a position (known from `position(of:)`).
    public mutating func setValue(_ value: JSONValue, at i: Int) {
        storage[i].value = value
    }

    /// Appends a member known not to be present yet (parsers and builders use this to skip the lookup).
    public mutating func append(_ key: String, _ value: JSONValue) {
        storage.append((key, value))
        if index != nil {
            index![key] = storage.count - 1
        } else if storage.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let i = position(of: key) else { return nil }
        let v = storage[i].value
        removeMember(at: i)
        return v
    }

    private mutating func removeMember(at i: Int) {
        storage.remove(at: i)
        if index != nil { rebuildIndex() }
    }

    private mutating func rebuildIndex() {
        var built = [String: Int](minimumCapacity: storage.count * 2)
        for (i, m) in storage.enumerated() where built[m.key] == nil { built[m.key] = i }
        index = built
    }
}

extension JSONObject: Hashable {
    /// Objects are equal when they have the same members, whatever their order (JSON semantics).
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var sameOrder = true
        for i in 0..<lhs.count where lhs.storage[i].key != rhs.storage[i].key || lhs.storage[i].value != rhs.storage[i].value {
            sameOrder = false
            break
        }
        if sameOrder { return true }
        for (k, v) in lhs.storage {
            guard let other = rhs[k], other == v else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine member hashes commutatively.
        var acc = 0
        for (k, v) in storage {
            var h = Hasher()
            h.combine(k)
            h.combine(v)
            acc ^= h.finalize()
        }
        hasher.combine(count)
        hasher.combine(acc)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
