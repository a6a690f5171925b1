import JSONValue

/// `http:invoke` parameters that cannot be used: which one and what is wrong with it, worded like
/// AWS's "The Parameters ... could not be used to start the Task" (`States.Runtime`).
package struct HTTPInvokeParameterError: Error, Equatable, Sendable {
    package var parameter: String
    package var message: String

    package init(parameter: String, message: String) {
        self.parameter = parameter
        self.message = message
    }

    package var cause: String { "The Parameters could not be used to start the Task: [\(parameter): \(message)]" }
}

/// An `http:invoke` task's parameters, validated: the request to send before a connection adds to it.
package struct HTTPInvokeParameters: Sendable, Equatable {
    /// How `Transform.RequestEncodingOptions.ArrayFormat` writes arrays in a URL-encoded body.
    package enum ArrayFormat: String, Sendable, CaseIterable {
        /// `a[0]=x&a[1]=y` (AWS's default)
        case indices = "INDICES"
        /// `a=x&a=y`
        case `repeat` = "REPEAT"
        /// `a[]=x&a[]=y`
        case brackets = "BRACKETS"
        /// `a=x,y`
        case commas = "COMMAS"
    }

    package static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]
    static let knownFields: Set<String> = ["ApiEndpoint", "Method", "Headers", "QueryParameters", "RequestBody", "Authentication", "Transform"]

    /// Headers a task may not set (AWS's list for HTTP Tasks): the transport, caching and proxy
    /// headers the service manages, and everything under `X-Amz-`/`X-Amzn-`/`X-Forwarded-`.
    static let forbiddenHeaders: Set<String> = [
        "a-im", "accept-charset", "accept-datetime", "accept-encoding", "authorization", "cache-control", "connection",
        "content-encoding", "content-length", "content-md5", "date", "expect", "forwarded", "from", "host", "http2-settings",
        "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "max-forwards", "origin",
        "pragma", "proxy-authorization", "referer", "server", "te", "trailer", "transfer-encoding", "upgrade", "via", "warning",
    ]
    static let forbiddenHeaderPrefixes = ["x-amz-", "x-amzn-", "x-forwarded-"]

    package var apiEndpoint: String
    package var method: String
    package var headers: [(name: String, value: String)]
    package var queryParameters: [(name: String, value: String)]
    package var requestBody: JSONValue?
    package var connectionArn: String?
    /// nil: the body is JSON (or the string itself); else URL-encoded with this array format.
    package var urlEncoding: ArrayFormat?

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.apiEndpoint == rhs.apiEndpoint && lhs.method == rhs.method && lhs.headers.elementsEqual(rhs.headers, by: ==)
            && lhs.queryParameters.elementsEqual(rhs.queryParameters, by: ==) && lhs.requestBody == rhs.requestBody
            && lhs.connectionArn == rhs.connectionArn && lhs.urlEncoding == rhs.urlEncoding
    }

    package init(_ parameters: JSONValue) throws(HTTPInvokeParameterError) {
        guard let object = parameters.objectValue else {
            throw HTTPInvokeParameterError(parameter: "Parameters", message: "must be an object with ApiEndpoint and Method, not \(parameters.typeName)")
        }
        for key in object.keys where !Self.knownFields.contains(key) {
            throw HTTPInvokeParameterError(parameter: key, message: "The field \"\(key)\" is not supported by Step Functions")
        }
        guard let endpoint = object["ApiEndpoint"] else { throw HTTPInvokeParameterError(parameter: "ApiEndpoint", message: "is required") }
        guard let url = endpoint.stringValue else { throw HTTPInvokeParameterError(parameter: "ApiEndpoint", message: "must be a string, not \(endpoint.typeName)") }
        let lower = url.lowercased()
        let scheme = lower.hasPrefix("https://") ? "https://" : lower.hasPrefix("http://") ? "http://" : nil
        guard let scheme, url.count > scheme.count, !url.dropFirst(scheme.count).hasPrefix("/") else {
            throw HTTPInvokeParameterError(parameter: "ApiEndpoint", message: "'\(url)' is not an http or https URL with a host")
        }
        guard !url.contains(where: { $0 == " " || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }) else {
            throw HTTPInvokeParameterError(parameter: "ApiEndpoint", message: "'\(url)' contains spaces or control characters")
        }
        apiEndpoint = url

        guard let methodValue = object["Method"] else { throw HTTPInvokeParameterError(parameter: "Method", message: "is required") }
        guard let method = methodValue.stringValue?.uppercased(), Self.methods.contains(method) else {
            throw HTTPInvokeParameterError(
                parameter: "Method", message: "must be one of \(Self.methods.joined(separator: ", ")), not \(methodValue.serialized())")
        }
        self.method = method

        headers = []
        if let value = object["Headers"], !value.isNull {
            guard let headerObject = value.objectValue else { throw HTTPInvokeParameterError(parameter: "Headers", message: "must be an object, not \(value.typeName)") }
            for (name, value) in headerObject.members {
                let lowered = name.lowercased()
                guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                    throw HTTPInvokeParameterError(parameter: "Headers", message: "'\(name)' is not a valid header name")
                }
                if Self.forbiddenHeaders.contains(lowered) || Self.forbiddenHeaderPrefixes.contains(where: { lowered.hasPrefix($0) }) {
                    throw HTTPInvokeParameterError(parameter: "Headers", message: "the header '\(name)' cannot be set by an HTTP Task")
                }
                guard let text = Self.scalarText(value) else {
                    throw HTTPInvokeParameterError(parameter: "Headers", message: "the value of '\(name)' must be a string, not \(value.typeName)")
                }
                guard !text.contains("\r"), !text.contains("\n") else {
                    throw HTTPInvokeParameterError(parameter: "Headers", message: "the value of '\(name)' contains a line break")
                }
                headers.append((name, text))
            }
        }

        queryParameters = []
        if let value = object["QueryParameters"], !value.isNull {
            guard let query = value.objectValue else { throw HTTPInvokeParameterError(parameter: "QueryParameters", message: "must be an object, not \(value.typeName)") }
            for (name, value) in query.members {
                if let items = value.arrayValue {
                    for item in items {
                        guard let text = Self.scalarText(item) else {
                            throw HTTPInvokeParameterError(parameter: "QueryParameters", message: "the values of '\(name)' must be strings, not \(item.typeName)")
                        }
                        queryParameters.append((name, text))
                    }
                } else if let text = Self.scalarText(value) {
                    queryParameters.append((name, text))
                } else {
                    throw HTTPInvokeParameterError(parameter: "QueryParameters", message: "the value of '\(name)' must be a string, not \(value.typeName)")
                }
            }
        }

        requestBody = object["RequestBody"]

        connectionArn = nil
        if let value = object["Authentication"], !value.isNull {
            guard let auth = value.objectValue else { throw HTTPInvokeParameterError(parameter: "Authentication", message: "must be an object with ConnectionArn") }
            for key in auth.keys where key != "ConnectionArn" {
                throw HTTPInvokeParameterError(parameter: "Authentication", message: "The field \"\(key)\" is not supported by Step Functions")
            }
            guard let arn = auth["ConnectionArn"]?.stringValue, !arn.isEmpty else {
                throw HTTPInvokeParameterError(parameter: "Authentication.ConnectionArn", message: "is required and must be a string")
            }
            connectionArn = arn
        }

        urlEncoding = nil
        if let value = object["Transform"], !value.isNull {
            guard let transform = value.objectValue else { throw HTTPInvokeParameterError(parameter: "Transform", message: "must be an object") }
            for key in transform.keys where key != "RequestBodyEncoding" && key != "RequestEncodingOptions" {
                throw HTTPInvokeParameterError(parameter: "Transform", message: "The field \"\(key)\" is not supported by Step Functions")
            }
            let encoding = transform["RequestBodyEncoding"]?.stringValue ?? "NONE"
            guard encoding == "NONE" || encoding == "URL_ENCODED" else {
                throw HTTPInvokeParameterError(parameter: "Transform.RequestBodyEncoding", message: "must be NONE or URL_ENCODED, not '\(encoding)'")
            }
            var format = ArrayFormat.indices
            if let options = transform["RequestEncodingOptions"], !options.isNull {
                guard let optionsObject = options.objectValue else {
                    throw HTTPInvokeParameterError(parameter: "Transform.RequestEncodingOptions", message: "must be an object with ArrayFormat")
                }
                if let raw = optionsObject["ArrayFormat"] {
                    guard let name = raw.stringValue, let parsed = ArrayFormat(rawValue: name) else {
                        throw HTTPInvokeParameterError(
                            parameter: "Transform.RequestEncodingOptions.ArrayFormat",
                            message: "must be one of \(ArrayFormat.allCases.map(\.rawValue).joined(separator: ", ")), not \(raw.serialized())")
                    }
                    format = parsed
                }
            }
            if encoding == "URL_ENCODED" {
                if let body = requestBody, body.objectValue == nil, !body.isNull {
                    throw HTTPInvokeParameterError(parameter: "RequestBody", message: "must be an object to be URL_ENCODED, not \(body.typeName)")
                }
                urlEncoding = format
            }
        }
    }

    /// RFC 9110 token characters.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// A string, number or boolean as text; nil for anything else.
    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .number(let n): n.text
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }
}

/// `application/x-www-form-urlencoded` as AWS writes an HTTP Task's body: nested objects as
/// `a[b]=c`, arrays in the chosen format, every key and value percent-encoded (RFC 3986).
package enum FormURLEncoding {
    package static func encode(_ object: JSONObject, arrayFormat: HTTPInvokeParameters.ArrayFormat) -> String {
        var pairs: [(String, String)] = []
        for (key, value) in object.members { append(key, value, arrayFormat, &pairs) }
        return pairs.map { percentEncode($0.0) + "=" + percentEncode($0.1) }.joined(separator: "&")
    }

    static func append(_ key: String, _ value: JSONValue, _ format: HTTPInvokeParameters.ArrayFormat, _ pairs: inout [(String, String)]) {
        switch value {
        case .object(let object):
            for (member, value) in object.members { append("\(key)[\(member)]", value, format, &pairs) }
        case .array(let items):
            if format == .commas, items.allSatisfy({ $0.objectValue == nil && $0.arrayValue == nil }) {
                pairs.append((key, items.map(scalar).joined(separator: ",")))
                return
            }
            for (index, item) in items.enumerated() {
                let itemKey: String
                switch format {
                case .indices: itemKey = "\(key)[\(index)]"
                case .brackets: itemKey = "\(key)[]"
                case .repeat, .commas: itemKey = key
                }
                append(itemKey, item, format, &pairs)
            }
        default:
            pairs.append((key, scalar(value)))
        }
    }

    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let s): s
        default: value.serialized()
        }
    }

    /// Everything but RFC 3986's unreserved characters is percent-encoded.
    package static func percentEncode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
        return out
    }
}
