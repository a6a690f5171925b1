import JSONValue

// MARK: TagResource

package struct TagResourceInput: RequestShape, Equatable {
    package var resourceArn: TaggableARN
    package var tags: [Tag]

    package init(resourceArn: TaggableARN, tags: [Tag]) {
        self.resourceArn = resourceArn
        self.tags = tags
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("resourceArn", length: Limits.arn)
        let tags = try r.tags()
        if tags == nil { r.violateNull("tags") }
        try r.finish()
        resourceArn = try TaggableARN(parsing: arn)
        self.tags = tags ?? []
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("resourceArn", resourceArn.description)
        o.put("tags", tags)
        return .object(o)
    }
}

// MARK: UntagResource

package struct UntagResourceInput: RequestShape, Equatable {
    package var resourceArn: TaggableARN
    package var tagKeys: [String]

    package init(resourceArn: TaggableARN, tagKeys: [String]) {
        self.resourceArn = resourceArn
        self.tagKeys = tagKeys
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("resourceArn", length: Limits.arn)
        let keys = try r.stringList("tagKeys", length: Limits.tagKey)
        if keys == nil { r.violateNull("tagKeys") }
        try r.finish()
        resourceArn = try TaggableARN(parsing: arn)
        tagKeys = keys ?? []
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("resourceArn", resourceArn.description)
        o.append("tagKeys", .array(tagKeys.map { .string($0) }))
        return .object(o)
    }
}

// MARK: ListTagsForResource

package struct ListTagsForResourceInput: RequestShape, Equatable {
    package var resourceArn: TaggableARN

    package init(resourceArn: TaggableARN) { self.resourceArn = resourceArn }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("resourceArn", length: Limits.arn)
        try r.finish()
        resourceArn = try TaggableARN(parsing: arn)
    }

    package var json: JSONValue { ["resourceArn": .string(resourceArn.description)] }
}

package struct ListTagsForResourceOutput: ResponseShape, Equatable {
    package var tags: [Tag]

    package init(tags: [Tag]) { self.tags = tags }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("tags", tags)
        return .object(o)
    }
}

/// The most tags one resource may carry (AWS's quota); more is TooManyTags.
package let maxTagsPerResource = 50
