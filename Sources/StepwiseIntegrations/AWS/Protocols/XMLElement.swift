/// An element of an XML document: AWS Query responses need only names, children and text, so
/// attributes, namespaces and processing instructions are read past and dropped.
///
/// Our own parser rather than FoundationXML's `XMLParser`: that pulls libxml2 into the binary for
/// documents a few hundred bytes long whose grammar is this small.
package struct XMLElement: Sendable, Equatable {
    package var name: String
    package var children: [XMLElement]
    /// The element's character data (text and CDATA) with entities resolved.
    package var text: String

    package init(name: String, children: [XMLElement] = [], text: String = "") {
        self.name = name
        self.children = children
        self.text = text
    }

    /// The first child named `name`.
    package func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// The name without a namespace prefix (`ns:Foo` is `Foo`).
    package var localName: Substring {
        if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
        return Substring(name)
    }
}

/// XML that cannot be read, and the byte offset where reading stopped.
package struct XMLParseError: Error, Equatable, Sendable, CustomStringConvertible {
    package var offset: Int
    package var reason: String
    package var description: String { "\(reason) at offset \(offset)" }
}

/// Reads one XML document into its root element.
package struct XMLDocumentParser {
    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    package static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLElement {
        var parser = XMLDocumentParser(bytes)
        parser.skipMisc()
        guard parser.peek(UInt8(ascii: "<")) else { throw parser.error("Expected the root element") }
        let root = try parser.parseElement()
        parser.skipMisc()
        guard parser.i == parser.bytes.count else { throw parser.error("Unexpected content after the root element") }
        return root
    }

    package static func parse(_ text: String) throws(XMLParseError) -> XMLElement { try parse(Array(text.utf8)) }

    private func error(_ reason: String) -> XMLParseError { XMLParseError(offset: i, reason: reason) }

    private func peek(_ byte: UInt8) -> Bool { i < bytes.count && bytes[i] == byte }

    private func starts(with text: String) -> Bool {
        let t = Array(text.utf8)
        return i + t.count <= bytes.count && Array(bytes[i..<i + t.count]) == t
    }

    private mutating func skip(past text: String) throws(XMLParseError) {
        let t = Array(text.utf8)
        while i + t.count <= bytes.count {
            if Array(bytes[i..<i + t.count]) == t {
                i += t.count
                return
            }
            i += 1
        }
        throw error("Expected '\(text)'")
    }

    private mutating func skipWhitespace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    /// Whitespace, comments, the XML declaration, processing instructions and a DOCTYPE.
    private mutating func skipMisc() {
        while true {
            skipWhitespace()
            if starts(with: "<?") {
                guard (try? skip(past: "?>")) != nil else { return }
            } else if starts(with: "<!--") {
                guard (try? skip(past: "-->")) != nil else { return }
            } else if starts(with: "<!DOCTYPE") {
                guard (try? skip(past: ">")) != nil else { return }
            } else {
                return
            }
        }
    }

    private mutating func parseName() throws(XMLParseError) -> String {
        let start = i
        while i < bytes.count, !([0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "=")].contains(bytes[i])) {
            i += 1
        }
        guard i > start else { throw error("Expected a name") }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// AWS answers nest a few levels; deeper input is refused before recursion can exhaust the stack.
    static let maximumDepth = 256

    private mutating func parseElement() throws(XMLParseError) -> XMLElement {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("Elements nest more than \(Self.maximumDepth) levels deep") }
        i += 1  // "<"
        var element = XMLElement(name: try parseName())
        // Attributes: read past them, quoted values included.
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw error("Unterminated start tag <\(element.name)>") }
            if starts(with: "/>") {
                i += 2
                return element
            }
            if bytes[i] == UInt8(ascii: ">") {
                i += 1
                break
            }
            _ = try parseName()
            skipWhitespace()
            guard peek(UInt8(ascii: "=")) else { throw error("Expected '=' in an attribute") }
            i += 1
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                throw error("Expected a quoted attribute value")
            }
            let quote = bytes[i]
            i += 1
            while i < bytes.count, bytes[i] != quote { i += 1 }
            guard i < bytes.count else { throw error("Unterminated attribute value") }
            i += 1
        }
        var text = [UInt8]()
        while true {
            guard i < bytes.count else { throw error("Unterminated element <\(element.name)>") }
            if starts(with: "</") {
                i += 2
                let name = try parseName()
                guard name == element.name else { throw error("</\(name)> closes <\(element.name)>") }
                skipWhitespace()
                guard peek(UInt8(ascii: ">")) else { throw error("Expected '>'") }
                i += 1
                element.text = String(decoding: text, as: UTF8.self)
                return element
            } else if starts(with: "<![CDATA[") {
                i += 9
                let start = i
                try skip(past: "]]>")
                text += bytes[start..<i - 3]
            } else if starts(with: "<!--") || starts(with: "<?") {
                try skip(past: starts(with: "<!--") ? "-->" : "?>")
            } else if bytes[i] == UInt8(ascii: "<") {
                element.children.append(try parseElement())
            } else if bytes[i] == UInt8(ascii: "&") {
                text += Array(try parseEntity().utf8)
            } else {
                text.append(bytes[i])
                i += 1
            }
        }
    }

    private mutating func parseEntity() throws(XMLParseError) -> String {
        let start = i
        guard let end = bytes[i...].firstIndex(of: UInt8(ascii: ";")), end - start < 12 else {
            throw error("Unterminated entity reference")
        }
        let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        i = end + 1
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            var code: UInt32?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                code = UInt32(name.dropFirst(2), radix: 16)
            } else if name.hasPrefix("#") {
                code = UInt32(name.dropFirst())
            }
            guard let code, let scalar = Unicode.Scalar(code) else {
                i = start
                throw error("Unknown entity '&\(name);'")
            }
            return String(Character(scalar))
        }
    }
}
