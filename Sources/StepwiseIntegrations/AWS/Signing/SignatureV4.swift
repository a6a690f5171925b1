import StatesLanguage

/// An HTTP request as Signature Version 4 sees it: path and query unencoded, headers in order.
package struct SignableRequest: Sendable, Equatable {
    package var method: String
    /// The path without percent-encoding, e.g. `/` or `/123456789012/queue`.
    package var path: String
    /// Query parameters without percent-encoding, in any order.
    package var query: [Header]
    package var headers: [Header]
    package var body: [UInt8]

    /// One header (or query parameter): a name and its value.
    package struct Header: Sendable, Equatable {
        package var name: String
        package var value: String
        package init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    package init(method: String, path: String = "/", query: [Header] = [], headers: [Header], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name` (case-insensitive).
    package func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// AWS Signature Version 4 for one credential scope (region and signing name).
///
/// The signing time is a parameter of `sign`, never read from a clock here, so tests reproduce
/// AWS's published vectors byte for byte.
package struct SignatureV4: Sendable {
    package static let algorithm = "AWS4-HMAC-SHA256"

    package var credentials: AWSCredentials
    package var region: String
    /// The signing name of the service (`sqs`, `states`, `dynamodb`, ...).
    package var service: String
    /// Adds `x-amz-content-sha256` (S3 requires it; other services ignore it).
    package var sendsContentHash: Bool

    package init(credentials: AWSCredentials, region: String, service: String, sendsContentHash: Bool = false) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.sendsContentHash = sendsContentHash
    }

    /// The request with `X-Amz-Date`, the session token, the content hash when asked for, and
    /// `Authorization` added. Every header present (Host included) is signed.
    package func sign(_ request: SignableRequest, at time: Timestamp) -> SignableRequest {
        var signed = request
        let amzDate = Self.amzDate(time)
        signed.headers.removeAll { ["authorization", "x-amz-date"].contains($0.name.lowercased()) }
        signed.headers.append(.init("X-Amz-Date", amzDate))
        if let token = credentials.sessionToken, signed.header("x-amz-security-token") == nil {
            signed.headers.append(.init("X-Amz-Security-Token", token))
        }
        let payloadHash = SHA256.hash(request.body).lowercaseHex
        if sendsContentHash, signed.header("x-amz-content-sha256") == nil {
            signed.headers.append(.init("x-amz-content-sha256", payloadHash))
        }
        signed.headers.append(.init("Authorization", authorization(for: signed, amzDate: amzDate, payloadHash: payloadHash)))
        return signed
    }

    /// The `Authorization` header's value for a request that already carries its `X-Amz-Date`.
    package func authorization(for request: SignableRequest, amzDate: String, payloadHash: String? = nil) -> String {
        let canonical = Self.canonicalRequest(request, payloadHash: payloadHash)
        let toSign = stringToSign(canonicalRequest: canonical.text, amzDate: amzDate)
        let key = Self.signingKey(secret: credentials.secretAccessKey, date: String(amzDate.prefix(8)), region: region, service: service)
        let signature = HMACSHA256.authenticationCode(key: key, message: toSign).lowercaseHex
        return "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(scope(amzDate: amzDate)), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
    }

    package func scope(amzDate: String) -> String { "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request" }

    package func stringToSign(canonicalRequest: String, amzDate: String) -> String {
        [Self.algorithm, amzDate, scope(amzDate: amzDate), SHA256.hash(Array(canonicalRequest.utf8)).lowercaseHex]
            .joined(separator: "\n")
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
    package static func signingKey(secret: String, date: String, region: String, service: String) -> [UInt8] {
        var key = Array(("AWS4" + secret).utf8)
        for part in [date, region, service, "aws4_request"] {
            key = HMACSHA256.authenticationCode(key: key, message: part)
        }
        return key
    }

    /// The canonical request text and its signed-headers list.
    package static func canonicalRequest(_ request: SignableRequest, payloadHash: String? = nil) -> (text: String, signedHeaders: String) {
        var byName: [String: [String]] = [:]
        for header in request.headers {
            byName[header.name.lowercased(), default: []].append(trimmedHeaderValue(header.value))
        }
        let names = byName.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(byName[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let encoded: [(name: String, value: String)] = request.query.map { (uriEncode($0.name), uriEncode($0.value)) }
        let sorted = encoded.sorted { (a, b) -> Bool in a.name == b.name ? a.value < b.value : a.name < b.name }
        let query = sorted.map { (pair) -> String in pair.name + "=" + pair.value }.joined(separator: "&")
        let path = request.path.isEmpty ? "/" : request.path
        let canonicalPath = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { uriEncode(String($0)) }.joined(separator: "/")
        let hash: String = payloadHash ?? SHA256.hash(request.body).lowercaseHex
        let parts: [String] = [request.method, canonicalPath, query, canonicalHeaders, signedHeaders, hash]
        let text = parts.joined(separator: "\n")
        return (text, signedHeaders)
    }

    /// Trims the value and collapses runs of spaces, as the canonical headers require.
    static func trimmedHeaderValue(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            .trimmingSpacesAndTabs()
    }

    /// RFC 3986 percent-encoding with AWS's unreserved set (`A-Z a-z 0-9 - _ . ~`), upper-case hex.
    package static func uriEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC: the ISO 8601 basic form of the timestamp's second.
    package static func amzDate(_ time: Timestamp) -> String {
        // `2024-01-02T03:04:05.678Z` without separators and fraction.
        String(time.iso8601Millis.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
    }
}

extension String {
    fileprivate func trimmingSpacesAndTabs() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
