// Package spectest checks package digitalfemsa and its fake,
// digitalfemsatest, against DigitalFemsa's published OpenAPI specification
// (and Conekta's for payout orders, which DigitalFemsa's spec lacks).
//
// It is a nested module so that its OpenAPI library never reaches the
// SDK's users. The tests drive every public method of the SDK against a
// recording server that validates each request, decode spec example and
// generated response bodies into the SDK's types to find dropped fields,
// and validate every answer the fake gives. Findings are printed as lines
// that start with "spec: " (see run.sh); with LATAMPAY_SPEC_STRICT=1 every
// gap fails the tests, otherwise only request violations of covered
// operations and the checker's own self-tests do.
//
// Report lines, for CI to grep (each begins with "spec: "):
//
//	covered X/Y operations            coverage of DigitalFemsa's spec
//	excluded <id> <op>: <reason>      operations left out on purpose
//	uncovered operation <id> <op>     a gap: no SDK method calls it
//	untested method <Svc.Method>      a gap: add a line to the call table
//	request violation <op> ...        a failure: a request the spec refuses
//	header violation <op> ...         a gap: an optional header not declared there
//	dropped field <Type.field> ...    a gap: a documented field the type loses
//	renamed field, null lost, wrong object accepted, decode error ...
//	fake violation <op> (status N): ...  a gap: an answer of the fake the spec refuses
package spectest
