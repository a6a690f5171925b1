import JSONValue

/// One name/value pair an EventBridge connection adds to every request (a header, a query string
/// parameter or a body parameter), as CreateConnection's `HeaderParameters` and friends give it.
package struct HTTPConnectionParameter: Sendable, Equatable {
    package var key: String
    package var value: String

    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// Headers, query string parameters and body parameters, as an `HttpParameters` object lists them.
package struct HTTPConnectionParameters: Sendable, Equatable {
    package var headers: [HTTPConnectionParameter] = []
    package var queryString: [HTTPConnectionParameter] = []
    package var body: [HTTPConnectionParameter] = []

    package init(headers: [HTTPConnectionParameter] = [], queryString: [HTTPConnectionParameter] = [], body: [HTTPConnectionParameter] = []) {
        self.headers = headers
        self.queryString = queryString
        self.body = body
    }

    var isEmpty: Bool { headers.isEmpty && queryString.isEmpty && body.isEmpty }
}

/// An HTTP connection as EventBridge's CreateConnection describes one: how requests authenticate,
/// and what every request carries besides.
package struct HTTPConnection: Sendable, Equatable {
    /// How requests through the connection authenticate.
    package enum Authorization: Sendable, Equatable {
        /// A header named `name` carrying `value`.
        case apiKey(name: String, value: String)
        /// `Authorization: Basic ...`.
        case basic(username: String, password: String)
        /// A bearer token from an OAuth client-credentials grant.
        case oauthClientCredentials(OAuthClientCredentials)
    }

    /// Where and how to get an access token for `OAUTH_CLIENT_CREDENTIALS`.
    package struct OAuthClientCredentials: Sendable, Equatable {
        package var authorizationEndpoint: String
        /// GET, POST or PUT, as EventBridge allows.
        package var httpMethod: String
        package var clientID: String
        package var clientSecret: String
        package var parameters: HTTPConnectionParameters

        package init(authorizationEndpoint: String, httpMethod: String, clientID: String, clientSecret: String, parameters: HTTPConnectionParameters = .init()) {
            self.authorizationEndpoint = authorizationEndpoint
            self.httpMethod = httpMethod
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.parameters = parameters
        }
    }

    package var name: String
    package var authorization: Authorization
    /// `InvocationHttpParameters`: added to every request, over the task's own values.
    package var invocationParameters: HTTPConnectionParameters

    package init(name: String, authorization: Authorization, invocationParameters: HTTPConnectionParameters = .init()) {
        self.name = name
        self.authorization = authorization
        self.invocationParameters = invocationParameters
    }
}

/// The `Connections` section of the integration configuration: connections by name.
///
/// ```json
/// "Connections": {
///   "Stripe": {"AuthorizationType": "API_KEY",
///              "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "..."},
///                                 "InvocationHttpParameters": {"HeaderParameters": [{"Key": "k", "Value": "v"}]}}}
/// }
/// ```
package struct HTTPConnections: Sendable, Equatable {
    package var byName: [String: HTTPConnection]

    package init(_ connections: [HTTPConnection] = []) {
        byName = Dictionary(connections.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Reads the section (nil when the configuration has none); `pointer` is where the section is.
    package init(section: JSONObject?, pointer: String = "/Connections") throws(IntegrationConfigurationError) {
        var connections: [HTTPConnection] = []
        for (name, value) in section?.members ?? [] {
            connections.append(try Self.connection(name: name, value, pointer: pointer + "/" + name.jsonPointerEscaped))
        }
        self.init(connections)
    }

    /// The connection a `ConnectionArn` names: `arn:aws:events:REGION:ACCOUNT:connection/NAME/UUID`,
    /// `arn:...:connection/NAME`, or just `NAME`.
    package func connection(forArn arn: String) -> HTTPConnection? {
        byName[Self.name(fromArn: arn)]
    }

    /// The NAME part of a connection ARN (the whole string when it is no ARN).
    package static func name(fromArn arn: String) -> String {
        guard arn.hasPrefix("arn:"), let range = arn.range(of: ":connection/") else { return arn }
        let rest = arn[range.upperBound...]
        return String(rest.split(separator: "/", omittingEmptySubsequences: false).first ?? rest)
    }

    static func connection(name: String, _ value: JSONValue, pointer: String) throws(IntegrationConfigurationError) -> HTTPConnection {
        guard let object = value.objectValue else { throw IntegrationConfigurationError(pointer: pointer, message: "A connection must be an object") }
        let type = try string(object, "AuthorizationType", pointer: pointer)
        guard let auth = object["AuthParameters"]?.objectValue else {
            throw IntegrationConfigurationError(pointer: pointer + "/AuthParameters", message: "AuthParameters (an object) is required")
        }
        let authPointer = pointer + "/AuthParameters"
        let authorization: HTTPConnection.Authorization
        switch type {
        case "API_KEY":
            let p = try member(auth, "ApiKeyAuthParameters", pointer: authPointer)
            let pp = authPointer + "/ApiKeyAuthParameters"
            authorization = .apiKey(name: try string(p, "ApiKeyName", pointer: pp), value: try string(p, "ApiKeyValue", pointer: pp))
        case "BASIC":
            let p = try member(auth, "BasicAuthParameters", pointer: authPointer)
            let pp = authPointer + "/BasicAuthParameters"
            authorization = .basic(username: try string(p, "Username", pointer: pp), password: try string(p, "Password", pointer: pp))
        case "OAUTH_CLIENT_CREDENTIALS":
            let p = try member(auth, "OAuthParameters", pointer: authPointer)
            let pp = authPointer + "/OAuthParameters"
            let endpoint = try string(p, "AuthorizationEndpoint", pointer: pp)
            guard endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") else {
                throw IntegrationConfigurationError(pointer: pp + "/AuthorizationEndpoint", message: "AuthorizationEndpoint must be an http or https URL")
            }
            let method = try string(p, "HttpMethod", pointer: pp)
            guard ["GET", "POST", "PUT"].contains(method) else {
                throw IntegrationConfigurationError(pointer: pp + "/HttpMethod", message: "HttpMethod must be GET, POST or PUT")
            }
            let client = try member(p, "ClientParameters", pointer: pp)
            let cp = pp + "/ClientParameters"
            var parameters = HTTPConnectionParameters()
            if p["OAuthHttpParameters"] != nil {
                parameters = try httpParameters(p["OAuthHttpParameters"]!, pointer: pp + "/OAuthHttpParameters")
            }
            authorization = .oauthClientCredentials(
                .init(
                    authorizationEndpoint: endpoint, httpMethod: method, clientID: try string(client, "ClientID", pointer: cp),
                    clientSecret: try string(client, "ClientSecret", pointer: cp), parameters: parameters))
        default:
            throw IntegrationConfigurationError(
                pointer: pointer + "/AuthorizationType", message: "AuthorizationType must be API_KEY, BASIC or OAUTH_CLIENT_CREDENTIALS, not '\(type)'")
        }
        var invocation = HTTPConnectionParameters()
        if let parameters = auth["InvocationHttpParameters"] {
            invocation = try httpParameters(parameters, pointer: authPointer + "/InvocationHttpParameters")
        }
        return HTTPConnection(name: name, authorization: authorization, invocationParameters: invocation)
    }

    static func member(_ object: JSONObject, _ key: String, pointer: String) throws(IntegrationConfigurationError) -> JSONObject {
        guard let value = object[key]?.objectValue else {
            throw IntegrationConfigurationError(pointer: pointer + "/" + key, message: "\(key) (an object) is required")
        }
        return value
    }

    static func string(_ object: JSONObject, _ key: String, pointer: String) throws(IntegrationConfigurationError) -> String {
        guard let value = object[key]?.stringValue else {
            throw IntegrationConfigurationError(pointer: pointer + "/" + key, message: "\(key) (a string) is required")
        }
        return value
    }

    static func httpParameters(_ value: JSONValue, pointer: String) throws(IntegrationConfigurationError) -> HTTPConnectionParameters {
        guard let object = value.objectValue else { throw IntegrationConfigurationError(pointer: pointer, message: "Must be an object") }
        func list(_ key: String) throws(IntegrationConfigurationError) -> [HTTPConnectionParameter] {
            guard let value = object[key] else { return [] }
            guard let items = value.arrayValue else {
                throw IntegrationConfigurationError(pointer: pointer + "/" + key, message: "\(key) must be an array of {\"Key\", \"Value\"} objects")
            }
            var result: [HTTPConnectionParameter] = []
            for (index, item) in items.enumerated() {
                let itemPointer = "\(pointer)/\(key)/\(index)"
                guard let entry = item.objectValue else { throw IntegrationConfigurationError(pointer: itemPointer, message: "Must be a {\"Key\", \"Value\"} object") }
                let key = try string(entry, "Key", pointer: itemPointer)
                guard let value = entry["Value"], value.stringValue != nil || value.numberValue != nil || value.boolValue != nil else {
                    throw IntegrationConfigurationError(pointer: itemPointer + "/Value", message: "Value (a string) is required")
                }
                if let secret = entry["IsValueSecret"], secret.boolValue == nil {
                    throw IntegrationConfigurationError(pointer: itemPointer + "/IsValueSecret", message: "IsValueSecret must be a boolean")
                }
                result.append(HTTPConnectionParameter(key: key, value: value.stringValue ?? value.serialized()))
            }
            return result
        }
        return HTTPConnectionParameters(
            headers: try list("HeaderParameters"), queryString: try list("QueryStringParameters"), body: try list("BodyParameters"))
    }
}
