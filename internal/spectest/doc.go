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
// operations, a documented null an SDK type loses beyond the exceptions
// the API contract pins (ContractNulls; a stale one fails too) and the
// checker's own self-tests do. Nulls are tried three ways: every nullable
// property null, every nullable scalar null inside kept nullable objects
// (each oneOf branch), and the examples.
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
//	null lost <Type.field> ...        a failure: a documented null the type turns into a value
//	null lost N ... beyond the M pinned by the API contract   the count
//	null exceptions pinned ... / null kept as zero <Type.field>  the contract's exceptions
//	stale null exception <Type.field> a failure: an exception that no longer occurs
//	renamed field, wrong object accepted, decode error ...
//	fake violation <op> (status N): ...  a gap: an answer of the fake the spec refuses
package spectest
