import JSONValue

/// An HTTP response as the protocols read it.
package struct AWSHTTPResponse: Sendable, Equatable {
    package var status: Int
    /// Headers in the order received, names as sent.
    package var headers: [SignableRequest.Header]
    package var body: [UInt8]

    package init(status: Int, headers: [SignableRequest.Header], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    package func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// An error answer from a service: its code (namespace stripped), message, status and request id.
package struct AWSServiceFailure: Error, Sendable, Equatable {
    /// `ConditionalCheckFailedException`, `QueueDoesNotExist`, `NotFound`; empty when the answer had none.
    package var code: String
    package var message: String
    package var status: Int
    package var requestId: String?

    package init(code: String, message: String, status: Int, requestId: String?) {
        self.code = code
        self.message = message
        self.status = status
        self.requestId = requestId
    }
}

/// A successful answer, decoded: the result in the state's spelling, and the request id.
package struct AWSServiceResult: Sendable, Equatable {
    package var output: JSONValue
    package var requestId: String?
    package var response: AWSHTTPResponse
}

/// Turns a call into the protocol's request, and the answer into a result or a failure.
package enum AWSWireCodec {
    /// Headers (without Host and signing headers) and body for `action` (PascalCase) with the
    /// state-side (PascalCase) parameters.
    package static func encode(
        service: AWSServiceDescription, action: String, parameters: JSONObject
    ) -> (headers: [SignableRequest.Header], body: [UInt8]) {
        switch service.wireProtocol {
        case .json(let version, let targetPrefix):
            let wire = service.camelCaseWire ? MemberCase.toWire(.object(parameters), maps: service.maps) : .object(parameters)
            return (
                [.init("Content-Type", "application/x-amz-json-\(version)"), .init("X-Amz-Target", "\(targetPrefix).\(action)")],
                Array(wire.serialized().utf8)
            )
        case .query:
            let body = AWSQuery.formBody(action: action, version: service.apiVersion, parameters: parameters, maps: service.maps)
            return ([.init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], Array(body.utf8))
        }
    }

    package static func decode(
        service: AWSServiceDescription, action: String, response: AWSHTTPResponse
    ) -> Result<AWSServiceResult, AWSServiceFailure> {
        switch service.wireProtocol {
        case .json: decodeJSON(service: service, response: response)
        case .query: decodeQuery(action: action, response: response)
        }
    }

    private static func jsonRequestId(_ response: AWSHTTPResponse) -> String? {
        response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
    }

    private static func decodeJSON(service: AWSServiceDescription, response: AWSHTTPResponse) -> Result<AWSServiceResult, AWSServiceFailure> {
        let requestId = jsonRequestId(response)
        let json: JSONValue? = response.body.isEmpty ? .object([:]) : (try? JSONValue(parsing: response.body))
        guard (200..<300).contains(response.status) else {
            let rawCode = json?["__type"]?.stringValue ?? json?["code"]?.stringValue ?? response.header("x-amzn-ErrorType") ?? ""
            let message = json?["message"]?.stringValue ?? json?["Message"]?.stringValue
                ?? json?["errorMessage"]?.stringValue ?? unmodeledMessage(response)
            return .failure(AWSServiceFailure(code: errorCode(rawCode), message: message, status: response.status, requestId: requestId))
        }
        guard let json, json.objectValue != nil else {
            return .failure(
                AWSServiceFailure(
                    code: "", message: "The service's answer is not a JSON object: \(snippet(response.body))",
                    status: response.status, requestId: requestId))
        }
        let output = service.camelCaseWire ? MemberCase.fromWire(json, maps: service.maps) : json
        return .success(AWSServiceResult(output: output, requestId: requestId, response: response))
    }

    private static func decodeQuery(action: String, response: AWSHTTPResponse) -> Result<AWSServiceResult, AWSServiceFailure> {
        let document = try? XMLDocumentParser.parse(response.body)
        let requestId = document.flatMap { AWSQuery.requestId(of: $0) } ?? jsonRequestId(response)
        guard (200..<300).contains(response.status) else {
            // <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>
            let error = document?.child("Error") ?? document?.child("Errors")?.child("Error")
            return .failure(
                AWSServiceFailure(
                    code: errorCode(error?.child("Code")?.text ?? ""),
                    message: error?.child("Message")?.text ?? unmodeledMessage(response),
                    status: response.status, requestId: requestId))
        }
        guard let document else {
            return .failure(
                AWSServiceFailure(
                    code: "", message: "The service's answer is not XML: \(snippet(response.body))", status: response.status,
                    requestId: requestId))
        }
        return .success(AWSServiceResult(output: AWSQuery.result(of: document, action: action), requestId: requestId, response: response))
    }

    /// `com.amazonaws.sqs#QueueDoesNotExist` is `QueueDoesNotExist`; `Code:http://...` is `Code`.
    package static func errorCode(_ raw: String) -> String {
        var code = Substring(raw.trimmingCharacters(in: " \n\t"))
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return String(code)
    }

    /// What the AWS SDKs say of an error answer they cannot read.
    private static func unmodeledMessage(_ response: AWSHTTPResponse) -> String {
        "Service returned HTTP status code \(response.status)"
    }

    private static func snippet(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        return body.count > 200 ? text + "..." : text
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
