import Foundation
import JSONValue

/// The opaque `nextToken` of list actions.
///
/// A token is base64url of a small JSON object: the listing it belongs to (`scope`, e.g. the
/// action and the state machine ARN), where the next page starts (`position`: an offset or a
/// key), and a checksum over both. Clients must treat it as opaque; the checksum and scope make
/// a token that was edited, truncated or carried over from another listing an InvalidToken
/// instead of a silently wrong page. It is not a secret: it guards against mistakes, not attackers.
package struct PageToken: Sendable, Equatable {
    package var scope: String
    package var position: String

    package init(scope: String, position: String) {
        self.scope = scope
        self.position = position
    }

    /// A token resuming at an offset into an ordered listing.
    package init(scope: String, offset: Int) {
        self.init(scope: scope, position: String(offset))
    }

    package var offset: Int? { Int(position) }

    /// The token text handed to clients.
    package var encoded: String {
        var o = JSONObject(minimumCapacity: 3)
        o.append("s", .string(scope))
        o.append("p", .string(position))
        o.append("c", .string(Self.checksum(scope: scope, position: position)))
        let data = Data(JSONValue.object(o).serialized().utf8)
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a token back; anything not minted for `scope` by `encoded` is InvalidToken.
    package init(decoding text: String, scope: String) throws(APIError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let value = try? JSONValue(parsing: [UInt8](data)),
            let s = value["s"]?.stringValue, let p = value["p"]?.stringValue, let c = value["c"]?.stringValue,
            c == Self.checksum(scope: s, position: p)
        else { throw .invalidToken(text) }
        // A well-formed token from another listing: AWS also refuses tokens used with other arguments.
        guard s == scope else { throw .invalidToken(text) }
        self.init(scope: s, position: p)
    }

    /// FNV-1a (64-bit) over scope and position, with a separator that cannot occur in either's length prefix.
    static func checksum(scope: String, position: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(scope.utf8.count):\(scope)|\(position)".utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// One page of an ordered listing, cut the way every Step Functions list action cuts it.
package struct Page<Element> {
    package var items: [Element]
    package var nextToken: String?

    /// Cuts `all` at the offset in `nextToken` (from the start when nil), at most `maxResults`
    /// (`0`/nil: 100), with a token for the rest when there is more.
    package init(of all: [Element], maxResults: Int?, nextToken: String?, scope: String) throws(APIError) {
        var start = 0
        if let nextToken {
            let token = try PageToken(decoding: nextToken, scope: scope)
            guard let offset = token.offset, offset >= 0, offset <= all.count else { throw .invalidToken(nextToken) }
            start = offset
        }
        let size = Self.pageSize(maxResults)
        let end = min(all.count, start + size)
        items = Array(all[start..<end])
        self.nextToken = end < all.count ? PageToken(scope: scope, offset: end).encoded : nil
    }

    /// AWS's page size: 0 or absent means the default (100); the reader already refused > 1000.
    package static func pageSize(_ maxResults: Int?) -> Int {
        guard let maxResults, maxResults > 0 else { return Limits.defaultPageSize }
        return min(maxResults, Limits.pageSize.upperBound)
    }
}
