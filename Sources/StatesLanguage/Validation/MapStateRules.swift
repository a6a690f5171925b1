import JSONValue

extension ValidationPass {
    mutating func validateMap(_ context: StateContext) {
        let fields = context.fields
        let location = context.location
        let language = context.language
        exactlyOne(fields, ["ItemProcessor", "Iterator"], at: location)
        for key in ["ItemProcessor", "Iterator"] {
            guard let processor = fields[key] else { continue }
            let at = Pointer.member(location, key)
            if let config = processor["ProcessorConfig"] {
                validateProcessorConfig(config, at: Pointer.member(at, "ProcessorConfig"))
            }
            nestedMachine(processor, at: at, extraFields: ["ProcessorConfig"])
        }
        pathField(fields, "ItemsPath", in: location, kind: .reference, nullable: false)
        if let items = fields["Items"] {
            let at = Pointer.member(location, "Items")
            if !(items.stringValue.map(JSONataText.isExpression) ?? false) { expect(.array, items, at: at) }
        }
        if let selector = fields["ItemSelector"] {
            let at = Pointer.member(location, "ItemSelector")
            if language == .jsonPath {
                if expect(.object, selector, at: at) { payloadTemplate(selector, at: at) }
            } else {
                jsonataObjectOrExpression(selector, at: at)
            }
        }
        exclusive(fields, ["MaxConcurrency", "MaxConcurrencyPath"], at: location)
        exclusive(fields, ["ToleratedFailurePercentage", "ToleratedFailurePercentagePath"], at: location)
        exclusive(fields, ["ToleratedFailureCount", "ToleratedFailureCountPath"], at: location)
        integerField(fields, "MaxConcurrency", in: location, minimum: 0, maximum: nil, language: language)
        numberField(fields, "ToleratedFailurePercentage", in: location, minimum: 0, maximum: 100, language: language)
        integerField(fields, "ToleratedFailureCount", in: location, minimum: 0, maximum: nil, language: language)
        for key in ["MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"] {
            pathField(fields, key, in: location, kind: .reference, nullable: false)
        }
        if let label = fields["Label"] { expect(.string, label, at: Pointer.member(location, "Label")) }
        if let reader = fields["ItemReader"] { validateItemReader(reader, at: Pointer.member(location, "ItemReader")) }
        for key in ["ItemBatcher", "ResultWriter"] {
            if let value = fields[key] { expect(.object, value, at: Pointer.member(location, key)) }
        }
        validateRetryAndCatch(context)
    }

    private mutating func validateProcessorConfig(_ value: JSONValue, at location: String) {
        guard expect(.object, value, at: location), let config = value.objectValue else { return }
        rejectUnknownFields(config, allowed: ["Mode", "ExecutionType"], at: location)
        enumField(config, "Mode", in: location, values: ["INLINE", "DISTRIBUTED"])
        let distributed = config["Mode"]?.stringValue == "DISTRIBUTED"
        if distributed {
            require(config, ["ExecutionType"], at: location)
            enumField(config, "ExecutionType", in: location, values: ["STANDARD", "EXPRESS"])
            if machineType == .express {
                report(
                    "The field 'Mode' with value 'DISTRIBUTED' is not supported inside 'EXPRESS' state machines",
                    at: Pointer.member(location, "Mode"))
            }
        } else if config["ExecutionType"] != nil {
            report("Field 'ExecutionType' is not supported", at: location)
        }
    }

    private mutating func validateItemReader(_ value: JSONValue, at location: String) {
        guard expect(.object, value, at: location), let reader = value.objectValue else { return }
        rejectUnknownFields(reader, allowed: ["Resource", "ReaderConfig", "Parameters", "Arguments"], at: location)
        require(reader, ["Resource"], at: location)
        if let resource = reader["Resource"] {
            let at = Pointer.member(location, "Resource")
            if expect(.string, resource, at: at), let text = resource.stringValue {
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                let known = parts.count == 7 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "s3"
                    && (parts[6] == "getObject" || parts[6] == "listObjectsV2")
                if !known {
                    report(
                        "The field 'Resource' does not match any of the allowed values. Examples: "
                            + "[arn:<partition>:states:::s3:getObject, arn:<partition>:states:::s3:listObjectsV2]",
                        at: at)
                }
            }
        }
        if let config = reader["ReaderConfig"], expect(.object, config, at: Pointer.member(location, "ReaderConfig")),
            let object = config.objectValue
        {
            enumField(object, "InputType", in: Pointer.member(location, "ReaderConfig"), values: ["MANIFEST", "JSON", "CSV", "JSONL", "PARQUET"])
        }
    }
}
