/// The AWS Step Functions JSON 1.0 API contract.
enum StepwiseAPIModule {}
